package dev.voiceotp.worker.callflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import dev.voiceotp.contract.plivo.PlivoSignatureV3;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * Accepts a webhook only with a valid Plivo V3 signature, computed over the public URL Plivo called (the
 * configured public base URL, not what a proxy forwarded) and accepted under the current or a previous
 * auth token, so tokens can rotate without dropping callbacks. A valid callback whose nonce was seen before is
 * a replay ({@link ReplayedCallbackException}: answered 200, without effect, its call token not even read). Both are
 * counted in {@code otp.webhooks}.
 */
@Component
class SignedPlivoRequests {

    static final String SIGNATURE = "X-Plivo-Signature-V3";
    static final String NONCE = "X-Plivo-Signature-V3-Nonce";

    private final String publicBaseUrl;
    private final List<String> acceptedTokens;
    private final CallbackNonces nonces;
    private final CallPromptStore prompts;
    private final WebhookMetrics metrics;

    SignedPlivoRequests(WorkerProperties properties, CallbackNonces nonces, CallPromptStore prompts, WebhookMetrics metrics) {
        this.nonces = nonces;
        this.prompts = prompts;
        this.metrics = metrics;
        String base = properties.publicBaseUrl().toString();
        this.publicBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.acceptedTokens = properties.plivo().acceptedAuthTokens();
    }

    /**
     * A signed callback about the call named by {@code token}: its parameters, and what the token names.
     *
     * @param call the token's code copy, empty when the token names no call of ours
     * @param verification the verification the token names, read in the same round trip for a callback that reads
     *     the code ({@link #verifiedWithVerification}); empty otherwise, or when it is gone
     */
    record SignedCallback(Map<String, String> parameters, Optional<CallPromptStore.Lookup> call, Optional<VerificationRecord> verification) {
    }

    /** The callback, once its signature checks out (403 otherwise) and its nonce is new. */
    SignedCallback verified(HttpServletRequest request, String token) {
        return verified(request, token, false);
    }

    /** {@link #verified(HttpServletRequest, String)} with the verification the token names. */
    SignedCallback verifiedWithVerification(HttpServletRequest request, String token) {
        return verified(request, token, true);
    }

    /**
     * A ring or hangup callback, once its signature checks out ({@link #signedParameters}): its nonce and its report, made
     * by the caller from its parameters, in one round trip. Empty when its token names no call of ours.
     *
     * @throws ReplayedCallbackException when its nonce was seen before (nothing changed)
     */
    Optional<CallEventScript.Recorded> reported(HttpServletRequest request, String token, CallEventScript.Report report) {
        CallEventScript.FirstReport first = nonces.firstReport(String.valueOf(request.getHeader(NONCE)), token, report, request);
        if (first.replay()) {
            throw replayed(request);
        }
        return first.recorded();
    }

    private SignedCallback verified(HttpServletRequest request, String token, boolean withVerification) {
        Map<String, String> parameters = signedParameters(request);
        CallbackNonces.FirstUse firstUse = nonces.firstUse(String.valueOf(request.getHeader(NONCE)), token, withVerification, request);
        if (firstUse == null) {
            throw replayed(request);
        }
        Optional<CallPromptStore.Lookup> call = prompts.lookup(token, firstUse.named());
        Optional<VerificationRecord> verification = call.flatMap(named -> VerificationRecord.fromHash(named.verificationId(), firstUse.verification()));
        return new SignedCallback(parameters, call, verification);
    }

    /** The callback's parameters (its body's, not its URL's), once its signature checks out; 403 otherwise. */
    Map<String, String> signedParameters(HttpServletRequest request) {
        String query = request.getQueryString();
        String url = publicBaseUrl + request.getRequestURI() + (query == null ? "" : "?" + query);
        Set<String> queryNames = query == null ? Set.of()
                : UriComponentsBuilder.fromUriString(url).build().getQueryParams().keySet();
        Map<String, String> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!queryNames.contains(name) && values.length > 0) {
                parameters.put(name, values[0]);
            }
        });
        boolean valid = PlivoSignatureV3.matches(request.getHeader(SIGNATURE), acceptedTokens, request.getMethod(), url,
                parameters, request.getHeader(NONCE));
        if (!valid) {
            metrics.count(request.getRequestURI(), "forged");
            throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "Missing or invalid Plivo signature.");
        }
        return parameters;
    }

    private ReplayedCallbackException replayed(HttpServletRequest request) {
        metrics.count(request.getRequestURI(), "replayed");
        return new ReplayedCallbackException();
    }
}
