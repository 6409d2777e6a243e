package dev.voiceotp.sandbox.inspect;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.voiceotp.sandbox.api.ApiRequestLog;
import dev.voiceotp.sandbox.call.CallRecord;
import dev.voiceotp.sandbox.call.CallSnapshot;
import dev.voiceotp.sandbox.call.CallStore;
import dev.voiceotp.sandbox.call.CallbackReplay;
import dev.voiceotp.sandbox.call.PhoneFormat;
import dev.voiceotp.sandbox.phlo.PhloRuns;

/**
 * Lists recorded calls (oldest first), shows one, replays its last callback, and forgets everything recorded so a
 * test or benchmark starts clean. It holds the spoken codes, which is why the sandbox is for local and test use only.
 */
@RestController
@RequestMapping("/sandbox/calls")
class InspectionController {

    private final CallStore store;
    private final CallbackReplay replay;
    private final ApiRequestLog apiRequests;
    private final PhloRuns phloRuns;

    InspectionController(CallStore store, CallbackReplay replay, ApiRequestLog apiRequests, PhloRuns phloRuns) {
        this.store = store;
        this.replay = replay;
        this.apiRequests = apiRequests;
        this.phloRuns = phloRuns;
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
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, unknown(requestUuid)));
    }

    /**
     * Sends the call's last callback again exactly (same nonce, signatures and body) and answers with the HTTP status
     * the application gave it: 200 {@code {"url", "status"}}; 404 for an unknown call, 409 before any callback,
     * 502 when the application cannot be reached.
     */
    @PostMapping("/{requestUuid}/replay-last-callback")
    ResponseEntity<?> replayLastCallback(@PathVariable String requestUuid) throws InterruptedException {
        return replay.replayLast(requestUuid).<ResponseEntity<?>>map(result -> switch (result) {
            case CallbackReplay.Result.Answered answered ->
                    ResponseEntity.ok(Map.of("url", answered.url(), "status", answered.status()));
            case CallbackReplay.Result.Unreachable unreachable -> problem(HttpStatus.BAD_GATEWAY,
                    "The application at " + unreachable.url() + " could not be reached: " + unreachable.reason());
            case CallbackReplay.Result.NoCallbackYet none ->
                    problem(HttpStatus.CONFLICT, "Call " + requestUuid + " has made no callback yet.");
        }).orElseGet(() -> problem(HttpStatus.NOT_FOUND, unknown(requestUuid)));
    }

    /**
     * Keys a person typed on the phone page for the call's keypad prompt (a call to a number answered by hand waits
     * for them): 202; 404 for an unknown call, 400 for anything but 1-20 of 0-9, * and #.
     */
    @PostMapping("/{requestUuid}/keys")
    ResponseEntity<?> type(@PathVariable String requestUuid, @RequestBody Map<String, String> body) {
        String keys = body.get("keys");
        if (keys == null || !keys.matches("[0-9*#]{1,20}")) {
            return problem(HttpStatus.BAD_REQUEST, "keys must be 1-20 of 0-9, * and #.");
        }
        return store.find(requestUuid).<ResponseEntity<?>>map(call -> {
            call.type(keys);
            return ResponseEntity.accepted().build();
        }).orElseGet(() -> problem(HttpStatus.NOT_FOUND, unknown(requestUuid)));
    }

    /** Forgets every recorded call, PHLO run and API request; scenario rules stay until their own DELETE. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void forgetAll() {
        store.clear();
        phloRuns.clear();
        apiRequests.clear();
    }

    private static String unknown(String requestUuid) {
        return "No recorded call has request UUID " + requestUuid + ".";
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(status, detail)).build();
    }
}
