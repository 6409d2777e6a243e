package dev.voiceotp.contract.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/** A small servlet request body, read whole and at most one byte over its limit. */
public final class ServletBodies {

    private ServletBodies() {
    }

    /**
     * The body's bytes: as many as the request declares when that is within {@code maxBytes}, else up to
     * {@code maxBytes + 1}, so that a larger body is told apart without reading it. A body returned longer than
     * {@code maxBytes} is one to refuse.
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return body.readNBytes(bytesToRead(request.getContentLength(), maxBytes));
        }
    }

    /**
     * Reading the limit + 1 for every body would allocate a buffer of that size for a body of a few dozen bytes (8 %
     * of the gateway's allocations under dispatch load); a chunked body (no declared length) or a declared length
     * over the limit is read up to the limit + 1.
     */
    static int bytesToRead(int declaredLength, int maxBytes) {
        return declaredLength >= 0 && declaredLength <= maxBytes ? declaredLength : maxBytes + 1;
    }
}
