package dev.voiceotp.worker.callflow;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.worker.prompt.CallPromptStore;
import dev.voiceotp.worker.prompt.CodePrompt;

/**
 * Plivo's callbacks for a call, found by the call's opaque token. The answer URL returns the XML of the call
 * ({@link CodePrompt}) only while the verification is pending, and hangs up on an answering machine (Plivo's
 * synchronous machine detection sets {@code Machine=true}) without a word; the ring and hangup URLs record the
 * call's progress and outcome (the hangup also deletes the code's encrypted copy). Unsigned or wrongly signed
 * requests get 403; replayed ones 200 without effect (see {@link SignedPlivoRequests}).
 */
@RestController
@RequestMapping("/plivo")
class PlivoWebhookController {

    private final SignedPlivoRequests signedRequests;
    private final CallPromptStore prompts;
    private final ActiveCalls calls;
    private final CodePrompt codePrompt;
    private final CallStatusReport statusReport;
    private final WebhookMetrics metrics;

    PlivoWebhookController(SignedPlivoRequests signedRequests, CallPromptStore prompts, ActiveCalls calls,
            CodePrompt codePrompt, CallStatusReport statusReport, WebhookMetrics metrics) {
        this.signedRequests = signedRequests;
        this.prompts = prompts;
        this.calls = calls;
        this.codePrompt = codePrompt;
        this.statusReport = statusReport;
        this.metrics = metrics;
    }

    @PostMapping(path = "/answer/{token}", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, HttpServletRequest request) {
        Map<String, String> callback = signedRequests.verifiedParameters(request);
        if (ActiveCalls.answeredByMachine(callback)) {
            metrics.count(request.getRequestURI(), calls.machineAnswered(token, callback) ? "accepted" : "unknown_call");
            return ResponseEntity.ok(codePrompt.machineAnswered());
        }
        Optional<CallPromptStore.Lookup> known = prompts.lookup(token);
        metrics.count(request.getRequestURI(), known.isPresent() ? "accepted" : "unknown_call");
        Optional<ActiveCalls.ActiveCall> call = known.flatMap(calls::pending);
        if (call.isEmpty()) {
            return ResponseEntity.ok(codePrompt.nothingToSay());
        }
        statusReport.answered(token, call.get().verification().id(), callback);
        return ResponseEntity.ok(codePrompt.answer(call.get().verification(), call.get().code(), token));
    }

    @PostMapping("/ring/{token}")
    ResponseEntity<Void> ring(@PathVariable String token, HttpServletRequest request) {
        Map<String, String> callback = signedRequests.verifiedParameters(request);
        Optional<String> verificationId = prompts.verificationIdOf(token);
        metrics.count(request.getRequestURI(), verificationId.isPresent() ? "accepted" : "unknown_call");
        verificationId.ifPresent(id -> statusReport.ringing(token, id, callback));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/hangup/{token}")
    ResponseEntity<Void> hangup(@PathVariable String token, HttpServletRequest request) {
        Map<String, String> callback = signedRequests.verifiedParameters(request);
        Optional<String> verificationId = prompts.verificationIdOf(token);
        metrics.count(request.getRequestURI(), verificationId.isPresent() ? "accepted" : "unknown_call");
        verificationId.ifPresent(id -> statusReport.ended(token, id, callback));
        return ResponseEntity.ok().build();
    }
}
