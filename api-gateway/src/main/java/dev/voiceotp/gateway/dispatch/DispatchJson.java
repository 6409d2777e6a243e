package dev.voiceotp.gateway.dispatch;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.function.ServerRequest;

import dev.voiceotp.contract.web.JsonBodyReader;
import dev.voiceotp.contract.web.ServletBodies;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of {@code POST /v1/verifications}, read and written with a reader and a writer prepared once from Boot's
 * {@link JsonMapper} (so the application's Jackson settings apply) instead of a message converter chosen on every
 * request. A body that cannot be read is a 400 naming the field and the reason ({@link JsonBodyReader}).
 */
@Component
class DispatchJson {

    /** A dispatch body is a few dozen bytes; anything far larger is not one, and is not read into memory. */
    static final int MAX_BODY_BYTES = 4096;

    private final JsonBodyReader<CreateVerificationRequest> createRequests;
    private final ObjectWriter accepted;

    DispatchJson(JsonMapper mapper) {
        this.createRequests = new JsonBodyReader<>(mapper, CreateVerificationRequest.class, MAX_BODY_BYTES);
        this.accepted = mapper.writerFor(VerificationAccepted.class);
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
        return createRequests.read(ServletBodies.read(request.servletRequest(), MAX_BODY_BYTES));
    }

    byte[] accepted(VerificationAccepted answer) {
        return accepted.writeValueAsBytes(answer);
    }
}
