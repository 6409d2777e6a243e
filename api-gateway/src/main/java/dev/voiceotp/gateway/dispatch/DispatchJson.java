package dev.voiceotp.gateway.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.function.ServerRequest;

import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatch routes' JSON, read and written with a reader and writers prepared once from Boot's {@link JsonMapper}
 * (so the application's Jackson settings apply) instead of a message converter chosen on every request. A body
 * that cannot be read is a 400 naming the field and the reason, as the shared problem handling names it.
 */
@Component
class DispatchJson {

    /** A dispatch body is a few dozen bytes; anything far larger is not one, and is not read into memory. */
    static final int MAX_BODY_BYTES = 4096;

    private final ObjectReader createRequests;
    private final ObjectWriter accepted;
    private final ObjectWriter legacyAnswers;

    DispatchJson(JsonMapper mapper) {
        this.createRequests = mapper.readerFor(CreateVerificationRequest.class);
        this.accepted = mapper.writerFor(VerificationAccepted.class);
        this.legacyAnswers = mapper.writerFor(LegacyDispatchHandler.LegacyAnswer.class);
    }

    /**
     * The body of {@code POST /v1/verifications}. A body not declared as JSON is a 415 (the shared problem handling
     * answers it, naming the accepted type); one that is missing, too large or not the expected JSON a 400.
     */
    CreateVerificationRequest createRequest(ServerRequest request) throws IOException, HttpMediaTypeNotSupportedException {
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
        }
        byte[] bytes;
        try (InputStream body = request.servletRequest().getInputStream()) {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw invalid(new FieldError("body", "is larger than " + MAX_BODY_BYTES + " bytes"));
        }
        @Nullable CreateVerificationRequest body;
        try {
            body = bytes.length == 0 ? null : createRequests.readValue(bytes);
        } catch (JacksonException e) {
            throw invalid(FieldError.ofUnreadableJson(e));
        }
        if (body == null) {
            throw invalid(FieldError.MISSING_BODY);
        }
        return body;
    }

    byte[] accepted(VerificationAccepted answer) {
        return accepted.writeValueAsBytes(answer);
    }

    byte[] legacyAnswer(LegacyDispatchHandler.LegacyAnswer answer) {
        return legacyAnswers.writeValueAsBytes(answer);
    }

    private static ApiProblem invalid(FieldError error) {
        return ApiProblem.invalidField(error.field(), error.reason());
    }
}
