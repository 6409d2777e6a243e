package dev.voiceotp.contract.check;

import java.util.List;

import org.springframework.http.HttpStatus;

import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.contract.web.FieldError;

/**
 * A submitted code without the configured shape: a 400 naming {@code code}, in the same shape as
 * {@link ApiProblem#invalidField}. Its own type so that the guide's endpoint can answer "codes do not match"
 * instead. The message states the rule, never the submitted value.
 */
public final class MalformedCodeException extends ApiProblem {

    MalformedCodeException(String reason) {
        super(HttpStatus.BAD_REQUEST, "Invalid request", "code: " + reason);
        withErrors(List.of(new FieldError("code", reason)));
    }
}
