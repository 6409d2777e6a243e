package dev.voiceotp.gateway.ratelimit;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.web.ClientAddressResolver;
import dev.voiceotp.gateway.GatewayProperties;

/**
 * Who the client is, for the per-address limit: the socket's peer, or, behind the trusted proxies of
 * {@code voice-otp.gateway.trusted-proxies}, the nearest {@code X-Forwarded-For} hop that is not one of them
 * ({@link ClientAddressResolver} has the rules, shared with the verifier).
 */
@Component
public class ClientAddresses {

    private final ClientAddressResolver resolver;
    private final boolean limited;

    public ClientAddresses(GatewayProperties properties) {
        this.resolver = new ClientAddressResolver(properties.trustedProxies(), "voice-otp.gateway.trusted-proxies");
        this.limited = properties.limits().ip().enabled();
    }

    /**
     * The address to rate-limit, or null when the request names no address beyond trusted proxies (a producer
     * backend listed as trusted that forwards no end-user address is not limited per address), and always null while
     * the per-address limit is off.
     */
    public @Nullable String of(HttpServletRequest request) {
        // nobody reads it while the per-address limit is off: a request is then not limited by any address
        return limited ? resolver.of(request.getRemoteAddr(), forwardedFor(request)) : null;
    }

    /**
     * As {@link #of}, for a request that carries no credentials (the guide's {@code dispatch_otp}): never unlimited
     * while the per-address limit is on, even behind a trusted proxy that forwards no end-user address.
     */
    public @Nullable String ofAnonymous(HttpServletRequest request) {
        return limited ? resolver.ofAnonymous(request.getRemoteAddr(), forwardedFor(request)) : null;
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        return Collections.list(request.getHeaders(ClientAddressResolver.FORWARDED_FOR));
    }
}
