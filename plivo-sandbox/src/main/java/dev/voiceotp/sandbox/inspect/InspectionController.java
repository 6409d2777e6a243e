package dev.voiceotp.sandbox.inspect;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.call.CallRecord;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStore;
import dev.voiceotp.sandbox.call.PhoneFormat;

/**
 * Lists recorded calls (newest last), shows one, and forgets them all so a test or benchmark starts clean. It holds
 * the spoken codes, which is why the sandbox is for local and test use only.
 */
@RestController
@RequestMapping("/sandbox/calls")
class InspectionController {

    private final CallStore store;

    InspectionController(CallStore store) {
        this.store = store;
    }

    /** {@code to} may arrive as {@code +1415...}, which a query string decodes to a space: both forms match. */
    @GetMapping
    List<CallSnapshot> calls(@RequestParam(required = false) @Nullable String to) {
        List<CallRecord> calls = to == null || to.isBlank() ? store.all() : store.to(PhoneFormat.e164(to));
        return calls.stream().map(CallRecord::snapshot).toList();
    }

    @GetMapping("/{requestUuid}")
    ResponseEntity<?> call(@PathVariable String requestUuid) {
        return store.find(requestUuid)
                .<ResponseEntity<?>>map(call -> ResponseEntity.ok(call.snapshot()))
                .orElseGet(() -> ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "No recorded call has request UUID " + requestUuid + ".")).build());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetAll() {
        store.clear();
    }
}
