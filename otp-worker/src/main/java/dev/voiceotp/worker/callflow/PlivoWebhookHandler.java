package dev.voiceotp.worker.callflow;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.web.PreparedBodies;
import dev.voiceotp.worker.callflow.SignedPlivoRequests.SignedCallback;
import dev.voiceotp.worker.prompt.CodePrompt;

/**
 * Plivo's callbacks for a call, found by the call's opaque token. The answer URL returns the XML of the call
 * ({@link CodePrompt}) only while the verification is pending, and hangs up on an answering machine (Plivo's
 * synchronous machine detection sets {@code Machine=true}) without a word; the ring and hangup URLs record the
 * call's progress and outcome (the hangup also deletes the code's encrypted copy). Unsigned or wrongly signed
 * requests get 403; replayed ones 200 without effect (see {@link SignedPlivoRequests}).
 */
@Component
class PlivoWebhookHandler {

    private final SignedPlivoRequests signedRequests;
    private final ActiveCalls calls;
    private final CodePrompt codePrompt;
    private final CallStatusReport statusReport;
    private final WebhookMetrics metrics;

    PlivoWebhookHandler(SignedPlivoRequests signedRequests, ActiveCalls calls, CodePrompt codePrompt,
            CallStatusReport statusReport, WebhookMetrics metrics) {
        this.signedRequests = signedRequests;
        this.calls = calls;
        this.codePrompt = codePrompt;
        this.statusReport = statusReport;
        this.metrics = metrics;
    }

    ServerResponse answer(ServerRequest route) {
        String token = route.pathVariable("token");
        HttpServletRequest request = route.servletRequest();
        SignedCallback callback = signedRequests.verifiedWithVerification(request, token);
        if (CallStatusReport.answeredByMachine(callback.parameters())) {
            metrics.count(request.getRequestURI(), calls.machineAnswered(token, callback) ? "accepted" : "unknown_call");
            return PreparedBodies.xml(codePrompt.machineAnswered());
        }
        metrics.count(request.getRequestURI(), callback.call().isPresent() ? "accepted" : "unknown_call");
        Optional<ActiveCalls.ActiveCall> call = calls.pending(callback);
        if (call.isEmpty()) {
            return PreparedBodies.xml(codePrompt.nothingToSay());
        }
        statusReport.answered(token, call.get().verification().id(), callback.parameters());
        return PreparedBodies.xml(codePrompt.answer(call.get().verification(), call.get().code(), token));
    }

    ServerResponse ring(ServerRequest route) {
        return progress(route, CallStatusReport::ringing);
    }

    ServerResponse hangup(ServerRequest route) {
        return progress(route, CallStatusReport::ended);
    }

    /**
     * A callback that only reports the call's progress: its signature checked, then its nonce and its report in one
     * round trip; recorded for a known call, counted either way.
     */
    private ServerResponse progress(ServerRequest route, Function<Map<String, String>, CallEventScript.Report> reportOf) {
        String token = route.pathVariable("token");
        HttpServletRequest request = route.servletRequest();
        CallEventScript.Report report = reportOf.apply(signedRequests.signedParameters(request));
        Optional<CallEventScript.Recorded> recorded = signedRequests.reported(request, token, report);
        metrics.count(request.getRequestURI(), recorded.isPresent() ? "accepted" : "unknown_call");
        recorded.ifPresent(applied -> statusReport.counted(report, applied));
        return ServerResponse.ok().build();
    }
}
