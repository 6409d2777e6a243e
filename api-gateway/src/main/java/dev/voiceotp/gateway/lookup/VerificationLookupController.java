package dev.voiceotp.gateway.lookup;

import java.time.Clock;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.app.ProducerApp;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /v1/verifications/{id}}. Another app's verification answers exactly like an unknown id, so
 * ids cannot be probed across apps.
 */
@RestController
@Tag(name = "Verifications")
@SecurityRequirement(name = "apiKey")
class VerificationLookupController {

    private final StringRedisTemplate redis;
    private final Clock clock;

    VerificationLookupController(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Operation(summary = "Read a verification: its status (expiry is derived at read time) and what the call did")
    @ApiResponse(responseCode = "200", description = "The verification")
    @ApiResponse(responseCode = "401", description = "No valid API key", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "503", description = "Redis unavailable; retry after Retry-After seconds", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "404", description = "No such verification for this app", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @GetMapping(path = "/v1/verifications/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    VerificationView get(@Parameter(hidden = true) ProducerApp app, @PathVariable String id) {
        if (!OtpRequest.isWellFormedVerificationId(id)) {
            throw notFound();
        }
        Map<String, String> hash = redis.<String, String>opsForHash().entries(RedisKeys.verification(id));
        return VerificationRecord.fromHash(id, hash)
                .filter(record -> record.belongsTo(app.id()))
                .map(record -> VerificationView.of(record, clock.instant()))
                .orElseThrow(VerificationLookupController::notFound);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("No verification with this id.");
    }
}
