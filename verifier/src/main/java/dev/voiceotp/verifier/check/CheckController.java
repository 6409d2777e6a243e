package dev.voiceotp.verifier.check;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;

/**
 * The producer apps' check API. An unknown id, an expired verification and another app's verification all get
 * the same 404, so ids cannot be probed across apps or after expiry. A number whose failure budget is spent gets
 * a 429 whose Retry-After is what is left of the budget's window.
 */
@RestController
@RequestMapping(path = "/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
class CheckController {

    static final String NO_VERIFICATION_WITH_ID = "No pending verification with this id.";
    static final String NO_VERIFICATION_FOR_NUMBER = "No pending verification for this number.";
    static final String BUDGET_EXHAUSTED_DETAIL = "Too many wrong codes for this phone number; this verification is locked. "
            + "Request a new code after the Retry-After period.";

    private final CodeChecker checker;

    CheckController(CodeChecker checker) {
        this.checker = checker;
    }

    @PostMapping("/verifications/{id}/checks")
    CheckResponse checkById(ProducerApp app, @PathVariable String id, @RequestBody CheckRequests.ById request) {
        return respond(checker.checkById(app.id(), id, request.code()), NO_VERIFICATION_WITH_ID);
    }

    @PostMapping("/verification-checks")
    CheckResponse checkByNumber(ProducerApp app, @RequestBody CheckRequests.ByNumber request) {
        String phoneNumber = PhoneNumbers.requireE164(request.phoneNumber(), "phoneNumber");
        return respond(checker.checkNewestForNumber(app.id(), phoneNumber, request.code()), NO_VERIFICATION_FOR_NUMBER);
    }

    private static CheckResponse respond(CheckOutcome outcome, String notFoundDetail) {
        return switch (outcome.result()) {
            case NOT_FOUND -> throw ApiProblem.notFound(notFoundDetail);
            case BUDGET_EXHAUSTED -> throw budgetExhausted(outcome);
            default -> CheckResponse.of(outcome);
        };
    }

    private static ApiProblem budgetExhausted(CheckOutcome outcome) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts", BUDGET_EXHAUSTED_DETAIL);
        problem.getBody().setProperty("id", outcome.verificationId());
        problem.getBody().setProperty("verificationStatus", outcome.status() == null ? null : outcome.status().wireName());
        Duration left = outcome.retryAfter() == null ? Duration.ZERO : outcome.retryAfter();
        // whole seconds, rounded up: a client retrying on the dot must not land inside the window
        return problem.retryAfter(Duration.ofSeconds(left.plusMillis(999).toSeconds()));
    }
}
