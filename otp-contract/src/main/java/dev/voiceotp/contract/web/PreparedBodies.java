package dev.voiceotp.contract.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers of functional servlet routes whose body is ready as bytes (a JSON answer serialized by a prepared writer,
 * a call's XML): written as they are, instead of through a message converter chosen on every request.
 */
public final class PreparedBodies {

    private PreparedBodies() {
    }

    public static ServerResponse of(ServerResponse.BodyBuilder status, MediaType type, byte[] body) {
        return status.contentType(type)
                .contentLength(body.length)
                .build((request, response) -> {
                    response.getOutputStream().write(body);
                    return null;
                });
    }

    /** 200 with an XML document, such as the Plivo XML a call's callbacks answer with. */
    public static ServerResponse xml(String document) {
        return of(ServerResponse.ok(), MediaType.APPLICATION_XML, document.getBytes(StandardCharsets.UTF_8));
    }
}
