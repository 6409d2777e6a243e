package dev.voiceotp.worker.callflow;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.PreparedBodies;
import dev.voiceotp.worker.callflow.SignedPlivoRequests.SignedCallback;
import dev.voiceotp.worker.prompt.CodePrompt;
import dev.voiceotp.worker.prompt.DigitsStep;

/**
 * The action URLs of the call's keypad prompts ({@code /plivo/digits/{token}/{step}}), signed like every Plivo
 * callback, nonce replay protection and {@code otp.webhooks{kind=digits}} included: the key of press-key mode,
 * "1" to hear the code again, and the code typed in confirm-in-call mode (star to hear it again). The code is
 * read only while its verification is pending; typed digits go to the atomic check and are never logged.
 */
@Component
class PlivoDigitsHandler {

    private static final String REPLAY_KEY = "1";
    private static final String CONFIRM_REPLAY_KEY = "*";

    private final SignedPlivoRequests signedRequests;
    private final ActiveCalls calls;
    private final CodePrompt codePrompt;
    private final InCallConfirmation confirmation;
    private final WebhookMetrics metrics;

    PlivoDigitsHandler(SignedPlivoRequests signedRequests, ActiveCalls calls, CodePrompt codePrompt,
            InCallConfirmation confirmation, WebhookMetrics metrics) {
        this.signedRequests = signedRequests;
        this.calls = calls;
        this.codePrompt = codePrompt;
        this.confirmation = confirmation;
        this.metrics = metrics;
    }

    ServerResponse digits(ServerRequest route) {
        String token = route.pathVariable("token");
        String step = route.pathVariable("step");
        HttpServletRequest request = route.servletRequest();
        SignedCallback callback = signedRequests.verifiedWithVerification(request, token);
        int replays = replaysOf(route);
        if (CallStatusReport.answeredByMachine(callback.parameters())) {
            metrics.count(request.getRequestURI(), calls.machineAnswered(token, callback) ? "accepted" : "unknown_call");
            return PreparedBodies.xml(codePrompt.machineAnswered());
        }
        metrics.count(request.getRequestURI(), callback.call().isPresent() ? "accepted" : "unknown_call");
        Optional<DigitsStep> found = DigitsStep.fromPath(step);
        if (callback.call().isEmpty() || found.isEmpty()) {
            return PreparedBodies.xml(codePrompt.nothingToSay());
        }
        String digits = callback.parameters().getOrDefault("Digits", "");
        int replaysSoFar = Math.max(0, replays);
        String xml = switch (found.get()) {
            case START -> readCode(callback, token);
            case REPEAT -> REPLAY_KEY.equals(digits) ? replay(callback, token, replaysSoFar) : goodbye(callback);
            case CONFIRM -> CONFIRM_REPLAY_KEY.equals(digits) ? replay(callback, token, replaysSoFar) : confirm(callback, token, digits, replaysSoFar);
        };
        return PreparedBodies.xml(xml);
    }

    /** How often the code was read again so far: our own action URLs carry it; anything else is a 400. */
    private static int replaysOf(ServerRequest route) {
        String replays = route.param("replays").orElse("0");
        try {
            return Integer.parseInt(replays);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("replays", "must be a whole number");
        }
    }

    private String readCode(SignedCallback call, String token) {
        return calls.pending(call).map(active -> codePrompt.afterPresence(active.verification(), active.code(), token))
                .orElseGet(codePrompt::nothingToSay);
    }

    private String replay(SignedCallback call, String token, int replaysSoFar) {
        return calls.pending(call).map(active -> codePrompt.replay(active.verification(), active.code(), token, replaysSoFar))
                .orElseGet(codePrompt::nothingToSay);
    }

    private String goodbye(SignedCallback call) {
        return call.verification().map(codePrompt::goodbye).orElseGet(codePrompt::nothingToSay);
    }

    private String confirm(SignedCallback call, String token, String digits, int replaysSoFar) {
        return call.verification().map(verification -> {
            CheckResult result = confirmation.confirm(verification, digits);
            return codePrompt.confirmed(verification, confirmation.codeLength(), token, result, replaysSoFar);
        }).orElseGet(codePrompt::nothingToSay);
    }
}
