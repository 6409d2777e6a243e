package dev.voiceotp.verifier.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.voiceotp.contract.web.ClientAddressResolver;
import dev.voiceotp.verifier.VerifierProperties;

/**
 * Who the client of a check is, for the per-address limit: the socket's peer, or, behind the trusted proxies of
 * {@code voice-otp.verifier.trusted-proxies}, the nearest {@code X-Forwarded-For} hop that is not one of them
 * ({@link ClientAddressResolver} has the rules, shared with the gateway).
 */
@Component
public class ClientAddresses {

    private static final String UNKNOWN = "unknown";

    private final ClientAddressResolver resolver;
    private final boolean limited;

    ClientAddresses(VerifierProperties properties) {
        this.resolver = new ClientAddressResolver(properties.trustedProxies(), "voice-otp.verifier.trusted-proxies");
        this.limited = properties.limits().ip().enabled();
    }

    /**
     * The address to limit, or null when the request names none beyond trusted proxies (a trusted producer
     * backend), and always null while the per-address limit is off (nobody reads it then).
     */
    public @Nullable String of(ServerRequest request) {
        return limited ? resolver.of(peer(request), forwardedFor(request)) : null;
    }

    /**
     * As {@link #of}, for a request without credentials (the guide's route): some address whenever the per-address
     * limit is on, even behind a trusted proxy that forwards none.
     */
    public @Nullable String ofAnonymous(ServerRequest request) {
        return limited ? resolver.ofAnonymous(peer(request), forwardedFor(request)) : null;
    }

    private static String peer(ServerRequest request) {
        return request.remoteAddress().map(ClientAddresses::text).orElse(UNKNOWN);
    }

    private static String text(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private static List<String> forwardedFor(ServerRequest request) {
        return request.headers().header(ClientAddressResolver.FORWARDED_FOR);
    }
}
