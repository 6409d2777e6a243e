package dev.voiceotp.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallLabelsTest {

    @ParameterizedTest
    @CsvSource({"completed,completed", "no-answer,no_answer", "BUSY,busy", "cancel,canceled", "machine,machine",
            "in-progress,unknown", "'',unknown"})
    void shouldReducePlivoStatusesToAClosedSet(String plivo, String label) {
        assertThat(CallLabels.status(plivo)).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"Normal Hangup,normal_hangup", "NORMAL_CLEARING,normal_hangup", "End Of XML Instructions,normal_hangup",
            "User Busy,user_busy", "USER_BUSY,user_busy", "No Answer,no_answer", "Machine Detected,machine_detected",
            "Call Rejected,call_rejected", "Unallocated Number,unallocated_number", "Invalid Destination Address,unallocated_number",
            "Time Limit Reached,time_limit", "Destination Out Of Service,network_error", "Network Error,network_error",
            "Something Plivo invents tomorrow,other", "'',other"})
    void shouldReduceHangupCausesToAClosedSet(String plivo, String label) {
        assertThat(CallLabels.cause(plivo)).isEqualTo(label);
    }
}
