package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

/**
 * Someone or something answers. With machine detection asked for, Plivo first listens for the analysis time (no XML
 * runs meanwhile, whoever answered); a machine found in {@code hangup} mode is hung up on right there.
 */
record PickUp(boolean byMachine, Duration maxPause) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        call.answered(byMachine);
        MachineDetection detection = call.request().machineDetection();
        if (!detection.requested()) {
            return Optional.empty();
        }
        Pause.pause(call, Pause.atMost(detection.analysisTime(), maxPause));
        if (!byMachine) {
            return Optional.empty();
        }
        call.event(CallEvent.Type.MACHINE_DETECTED, "machine detected, machine_detection="
                + (detection.mode() == MachineDetection.Mode.HANGUP ? "hangup" : "true"));
        return detection.mode() == MachineDetection.Mode.HANGUP ? Optional.of(HangupCause.MACHINE_DETECTED)
                : Optional.empty();
    }
}
