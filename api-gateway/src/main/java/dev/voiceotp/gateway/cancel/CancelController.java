package dev.voiceotp.gateway.cancel;

import java.time.Clock;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.lookup.VerificationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /v1/verifications/{id}/cancel}. Another app's verification answers exactly like an unknown id, as
 * reads do, so ids cannot be probed (or canceled) across apps.
 */
@RestController
@Tag(name = "Verifications")
@SecurityRequirement(name = "apiKey")
class CancelController {

    private final Cancellations cancellations;
    private final Clock clock;

    CancelController(Cancellations cancellations, Clock clock) {
        this.cancellations = cancellations;
        this.clock = clock;
    }

    @Operation(summary = "Cancel a pending verification: its code stops working",
            description = "The call may already be under way; a code it reads is refused from now on.")
    @ApiResponse(responseCode = "200", description = "Canceled; the verification with status canceled")
    @ApiResponse(responseCode = "401", description = "No valid API key", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "503", description = "Redis unavailable; retry after Retry-After seconds", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "404", description = "No such verification for this app", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "409", description = "Already finished (approved, expired, locked, failed or canceled); "
            + "the problem's verificationStatus property says which", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping(path = "/v1/verifications/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    VerificationView cancel(@Parameter(hidden = true) ProducerApp app, @PathVariable String id) {
        if (!OtpRequest.isWellFormedVerificationId(id)) {
            throw notFound();
        }
        Instant now = clock.instant();
        return switch (cancellations.cancel(app.id(), id, now)) {
            case Cancellations.Result.Canceled(VerificationRecord record) -> VerificationView.of(record, now);
            case Cancellations.Result.Finished(String status) -> throw finished(status);
            case Cancellations.Result.NotFound() -> throw notFound();
        };
    }

    private static ApiProblem finished(String status) {
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, "Verification already finished",
                "This verification is " + status + " and can no longer be canceled.");
        // not "status": in a problem that is the HTTP status code (RFC 9457)
        problem.getBody().setProperty("verificationStatus", status);
        return problem;
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("No verification with this id.");
    }
}
