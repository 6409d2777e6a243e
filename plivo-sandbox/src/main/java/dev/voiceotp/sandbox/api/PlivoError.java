package dev.voiceotp.sandbox.api;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Plivo's error body: {@code {"api_id": "...", "error": "..."}}. */
record PlivoError(@JsonProperty("api_id") String apiId, String error) {

    static PlivoError of(String error) {
        return new PlivoError(UUID.randomUUID().toString(), error);
    }
}
