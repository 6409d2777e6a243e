package dev.voiceotp.contract.web;

/** One rejected input in a problem body's {@code errors} array. */
public record FieldError(String field, String reason) {
}
