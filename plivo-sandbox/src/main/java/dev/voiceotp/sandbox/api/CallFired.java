package dev.voiceotp.sandbox.api;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Plivo's 201 body. {@code request_uuid} is a string for one destination (the SDK cannot parse anything else) and,
 * as Plivo does for bulk calls, a list for several.
 */
record CallFired(@JsonProperty("api_id") String apiId, String message, @JsonProperty("request_uuid") Object requestUuid) {

    static CallFired of(List<String> requestUuids) {
        Object requestUuid = requestUuids.size() == 1 ? requestUuids.getFirst() : requestUuids;
        return new CallFired(UUID.randomUUID().toString(), "call fired", requestUuid);
    }
}
