package dev.voiceotp.sandbox.inspect;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.api.ApiRequest;
import dev.voiceotp.sandbox.api.ApiRequestLog;
import dev.voiceotp.sandbox.call.PhoneFormat;

/**
 * Every Plivo API request the sandbox answered, refused ones included (oldest first): how a test counts the SDK's
 * fallback retries or a worker's backoff, which place no call.
 */
@RestController
@RequestMapping("/sandbox/api-requests")
class ApiRequestsController {

    private final ApiRequestLog log;

    ApiRequestsController(ApiRequestLog log) {
        this.log = log;
    }

    @GetMapping
    List<ApiRequest> requests(@RequestParam(required = false) @Nullable String to) {
        return log.requests(to == null || to.isBlank() ? null : PhoneFormat.e164(to));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetAll() {
        log.clear();
    }
}
