package dev.voiceotp.sandbox.scenario;

import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A rule the sandbox cannot follow is answered with a problem naming what is wrong, so a test author sees the typo
 * at once instead of a scenario that silently never matches.
 */
@RestControllerAdvice(basePackageClasses = ScenarioErrors.class)
class ScenarioErrors {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String reason = e.getMostSpecificCause().getMessage();
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "not a scenario ("
                + (reason == null ? "unreadable JSON" : reason.lines().findFirst().orElse(reason)) + "): fields are "
                + "number, count, api (accept, server_error, rate_limited, invalid_number, geo_barred, slow, late), "
                + "apiDelayMs, outcome (answer, busy, no_answer, machine, failed), digits");
    }

    @ExceptionHandler(ScenarioBookFullException.class)
    ProblemDetail full(ScenarioBookFullException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
