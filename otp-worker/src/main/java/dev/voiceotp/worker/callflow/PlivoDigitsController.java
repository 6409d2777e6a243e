package dev.voiceotp.worker.callflow;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.worker.prompt.CodePrompt;
import dev.voiceotp.worker.prompt.DigitsStep;

/**
 * The action URLs of the call's keypad prompts ({@code /plivo/digits/{token}/{step}}), signed like every Plivo
 * callback, nonce replay protection and {@code otp.webhooks{kind=digits}} included: the key of press-key mode,
 * "1" to hear the code again, and the code typed in confirm-in-call mode (star to hear it again). The code is
 * read only while its verification is pending; typed digits go to the atomic check and are never logged.
 */
@RestController
@RequestMapping("/plivo/digits")
class PlivoDigitsController {

    private static final String REPLAY_KEY = "1";
    private static final String CONFIRM_REPLAY_KEY = "*";

    private final SignedPlivoRequests signedRequests;
    private final ActiveCalls calls;
    private final CodePrompt codePrompt;
    private final InCallConfirmation confirmation;
    private final WebhookMetrics metrics;

    PlivoDigitsController(SignedPlivoRequests signedRequests, ActiveCalls calls, CodePrompt codePrompt,
            InCallConfirmation confirmation, WebhookMetrics metrics) {
        this.signedRequests = signedRequests;
        this.calls = calls;
        this.codePrompt = codePrompt;
        this.confirmation = confirmation;
        this.metrics = metrics;
    }

    @PostMapping(path = "/{token}/{step}", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> digits(@PathVariable String token, @PathVariable String step,
            @RequestParam(name = "replays", defaultValue = "0") int replays, HttpServletRequest request) {
        Map<String, String> callback = signedRequests.verifiedParameters(request);
        if (ActiveCalls.answeredByMachine(callback)) {
            metrics.count(request.getRequestURI(), calls.machineAnswered(token, callback) ? "accepted" : "unknown_call");
            return ResponseEntity.ok(codePrompt.machineAnswered());
        }
        metrics.count(request.getRequestURI(), calls.known(token) ? "accepted" : "unknown_call");
        String digits = callback.getOrDefault("Digits", "");
        int replaysSoFar = Math.max(0, replays);
        String xml = DigitsStep.fromPath(step).map(found -> switch (found) {
            case START -> readCode(token);
            case REPEAT -> REPLAY_KEY.equals(digits) ? replay(token, replaysSoFar) : goodbye(token);
            case CONFIRM -> CONFIRM_REPLAY_KEY.equals(digits) ? replay(token, replaysSoFar) : confirm(token, digits, replaysSoFar);
        }).orElseGet(codePrompt::nothingToSay);
        return ResponseEntity.ok(xml);
    }

    private String readCode(String token) {
        return calls.pending(token).map(call -> codePrompt.afterPresence(call.verification(), call.code(), token))
                .orElseGet(codePrompt::nothingToSay);
    }

    private String replay(String token, int replaysSoFar) {
        return calls.pending(token).map(call -> codePrompt.replay(call.verification(), call.code(), token, replaysSoFar))
                .orElseGet(codePrompt::nothingToSay);
    }

    private String goodbye(String token) {
        return calls.verificationOf(token).map(codePrompt::goodbye).orElseGet(codePrompt::nothingToSay);
    }

    private String confirm(String token, String digits, int replaysSoFar) {
        return calls.verificationOf(token).map(verification -> {
            CheckResult result = confirmation.confirm(verification, digits);
            return codePrompt.confirmed(verification, confirmation.codeLength(), token, result, replaysSoFar);
        }).orElseGet(codePrompt::nothingToSay);
    }
}
