package dev.voiceotp.worker.webhook;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.worker.prompt.CallPromptStore;
import dev.voiceotp.worker.prompt.CodePrompt;

/**
 * Plivo's callbacks for a call, found by the call's opaque token. The answer URL returns the XML that reads
 * the code, only while the verification is pending; the ring and hangup URLs record the call's progress and
 * outcome (the hangup also deletes the code's encrypted copy). Unsigned or wrongly signed requests get 403;
 * replayed ones 200 without effect (see {@link SignedPlivoRequests}).
 */
@RestController
@RequestMapping("/plivo")
class PlivoWebhookController {

    private final SignedPlivoRequests signedRequests;
    private final CallPromptStore prompts;
    private final CodePrompt codePrompt;
    private final CallStatusReport statusReport;
    private final StringRedisTemplate redis;
    private final Clock clock;
    private final WebhookMetrics metrics;

    PlivoWebhookController(SignedPlivoRequests signedRequests, CallPromptStore prompts, CodePrompt codePrompt,
            CallStatusReport statusReport, StringRedisTemplate redis, Clock clock, WebhookMetrics metrics) {
        this.signedRequests = signedRequests;
        this.prompts = prompts;
        this.codePrompt = codePrompt;
        this.statusReport = statusReport;
        this.redis = redis;
        this.clock = clock;
        this.metrics = metrics;
    }

    @PostMapping(path = "/answer/{token}", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> answer(@PathVariable String token, HttpServletRequest request) {
        Map<String, String> callback = signedRequests.verifiedParameters(request);
        Optional<CallPromptStore.Prompt> prompt = prompts.find(token);
        Optional<VerificationRecord> verification = prompt.flatMap(found -> load(found.verificationId()))
                .filter(found -> found.statusAt(clock.instant()) == VerificationStatus.PENDING);
        metrics.count(request.getRequestURI(), prompt.isPresent() ? "accepted" : "unknown_call");
        if (prompt.isEmpty() || verification.isEmpty()) {
            return ResponseEntity.ok(codePrompt.nothingToSay());
        }
        statusReport.answered(token, prompt.get().verificationId(), callback);
        return ResponseEntity.ok(codePrompt.render(verification.get(), prompt.get().code()));
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

    private Optional<VerificationRecord> load(String verificationId) {
        return VerificationRecord.fromHash(verificationId,
                redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId)));
    }
}
