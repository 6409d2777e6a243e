package dev.voiceotp.gateway.dispatch;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /v1/verifications}. Fields are nullable because the controller validates them itself,
 * so that every refusal names its field and is counted.
 */
@Schema(name = "CreateVerificationRequest")
record CreateVerificationRequest(
        @Schema(description = "Number to call, E.164", example = "+14155550123", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String phoneNumber,
        @Schema(description = "BCP 47 language of the spoken prompt (xx or xx-YY); the worker's default when absent",
                example = "en-US", pattern = "^[a-z]{2,3}(-[A-Z]{2})?$")
        @Nullable String locale,
        @Schema(description = "How to reach the person: call (Plivo Call API) or phlo (a PHLO run); the app's configured "
                + "method when absent", allowableValues = {"call", "phlo"})
        @Nullable String delivery) {
}
