package dev.voiceotp.verifier.check;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;

/**
 * The producer apps' check API. An unknown id, an expired verification and another app's verification all get
 * the same 404, so ids cannot be probed across apps or after expiry.
 */
@RestController
@RequestMapping(path = "/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
class CheckController {

    static final String NO_VERIFICATION_WITH_ID = "No pending verification with this id.";
    static final String NO_VERIFICATION_FOR_NUMBER = "No pending verification for this number.";

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
        if (outcome.result() == CheckResult.NOT_FOUND) {
            throw ApiProblem.notFound(notFoundDetail);
        }
        return CheckResponse.of(outcome);
    }
}
