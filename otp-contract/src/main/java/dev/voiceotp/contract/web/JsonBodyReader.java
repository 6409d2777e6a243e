package dev.voiceotp.contract.web;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a small JSON request body, already taken whole from the request, with a reader prepared once from Boot's
 * {@link JsonMapper} (so the application's Jackson settings apply) instead of a codec or converter looked up per
 * request. Every refusal is a 400 {@link ApiProblem} naming the field and the reason, the same in every service:
 * a body over the limit, an empty one or {@code null}, and JSON that is not the expected shape.
 *
 * @param <T> the body's type
 */
public final class JsonBodyReader<T> {

    private final ObjectReader reader;
    private final int maxBytes;

    public JsonBodyReader(JsonMapper mapper, Class<T> type, int maxBytes) {
        this.reader = mapper.readerFor(type);
        this.maxBytes = maxBytes;
    }

    /**
     * The body's value; a 400 when it is larger than the limit, missing or not the expected JSON. A caller reads at
     * most one byte over the limit ({@link ServletBodies}), so that a larger body is told apart unread.
     */
    public T read(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        @Nullable T value;
        try {
            value = bytes.length == 0 ? null : reader.readValue(bytes);
        } catch (JacksonException e) {
            throw invalid(FieldError.ofUnreadableJson(e));
        }
        if (value == null) {
            throw invalid(FieldError.MISSING_BODY);
        }
        return value;
    }

    /** The refusal of a body over the limit. */
    public ApiProblem tooLarge() {
        return invalid(new FieldError("body", "is larger than " + maxBytes + " bytes"));
    }

    /** The refusal of a request without a body at all. */
    public static ApiProblem missing() {
        return invalid(FieldError.MISSING_BODY);
    }

    private static ApiProblem invalid(FieldError error) {
        return ApiProblem.invalidField(error.field(), error.reason());
    }
}
