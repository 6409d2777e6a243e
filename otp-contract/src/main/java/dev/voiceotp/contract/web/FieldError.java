package dev.voiceotp.contract.web;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;

/** One rejected input in a problem body's {@code errors} array. */
public record FieldError(String field, String reason) {

    /** A request body that is absent, empty or the JSON literal {@code null}. */
    public static final FieldError MISSING_BODY = new FieldError("body", "is missing or unreadable");

    /**
     * What a JSON body Jackson could not read got wrong, named the same way by every service: the field the failure
     * points at (dotted, with {@code [i]} for array elements), or the body as a whole when it is not JSON at all.
     */
    public static FieldError ofUnreadableJson(JacksonException failure) {
        String field = failure.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return field.isEmpty() ? new FieldError("body", "is not valid JSON") : new FieldError(field, "has the wrong type or format");
    }
}
