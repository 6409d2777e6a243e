package dev.voiceotp.sandbox.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The PHLO runner's 201 body, as plivo-java's {@code PhloUpdateResponse} reads it; {@code phlo_run_id} equals
 * {@code api_id}, as on Plivo. The message text is unconfirmed.
 */
record PhloRunFired(@JsonProperty("phlo_id") String phloId, @JsonProperty("api_id") String apiId,
        @JsonProperty("phlo_run_id") String phloRunId, String message) {
}
