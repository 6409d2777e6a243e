package dev.voiceotp.verifier.web;


import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.JsonBodyReader;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads small JSON request bodies with a reader prepared once per type, from Boot's {@link JsonMapper} (so the
 * application's Jackson settings apply), instead of looking for a codec on every request. A body that cannot be
 * read is a 400 naming the field and the reason, in the shape the other services answer.
 *
 * @param <T> the body's type
 */
public final class JsonBodies<T> {

    /** A check body is a few dozen bytes; anything far larger is not one, and is not read into memory. */
    static final int MAX_BODY_BYTES = 4096;

    private final JsonBodyReader<T> reader;

    public JsonBodies(JsonMapper mapper, Class<T> type) {
        this.reader = new JsonBodyReader<>(mapper, type, MAX_BODY_BYTES);
    }

    /** True when the request declares a JSON body ({@code application/json} or a {@code +json} type). */
    public static boolean isJson(ServerRequest request) {
        return request.headers().contentType()
                .filter(type -> MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix()))
                .isPresent();
    }

    /** The body; fails with a 400 {@link ApiProblem} when it is missing, too large or not the expected JSON. */
    public Mono<T> read(ServerRequest request) {
        ServerHttpRequest http = request.exchange().getRequest();
        return DataBufferUtils.join(http.getBody(), MAX_BODY_BYTES)
                .onErrorMap(DataBufferLimitException.class, e -> reader.tooLarge())
                .map(this::parse)
                .switchIfEmpty(Mono.error(JsonBodyReader::missing));
    }

    private T parse(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return reader.read(bytes);
    }
}
