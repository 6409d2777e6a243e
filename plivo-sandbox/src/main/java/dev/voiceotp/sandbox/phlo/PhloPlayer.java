package dev.voiceotp.sandbox.phlo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.call.CallRecord;
import dev.voiceotp.sandbox.call.CallRequest;
import dev.voiceotp.sandbox.call.CallSimulator;
import dev.voiceotp.sandbox.scenario.Scenario;
import dev.voiceotp.sandbox.xml.Instruction;
import dev.voiceotp.sandbox.xml.PlivoResponse;

/**
 * Plays the PHLO Plivo's voice-OTP guide builds: a Start node taking {@code from}, {@code to} and {@code otp}, an
 * Initiate Call node, and a Play Audio node speaking "Your verification code is" and the code. The call goes through
 * the same queue and scenario outcomes as Call API calls; the code lives only in the call's spoken text.
 */
@Component
public class PhloPlayer {

    private final CallSimulator simulator;
    private final PhloRuns runs;
    private final Clock clock;

    PhloPlayer(CallSimulator simulator, PhloRuns runs, Clock clock) {
        this.simulator = simulator;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Starts the run's call; {@code from} and {@code to} in E.164, {@code otp} digits, {@code arrivedAt} when the run's
     * API request arrived (where its call counts against the calls per second).
     */
    public PhloRun run(String phloRunId, String phloId, String from, String to, String otp, Scenario scenario, Instant arrivedAt) {
        PlivoResponse playAudio = new PlivoResponse(
                List.of(new Instruction.Speak("Your verification code is " + otp + ".", null, null, 1)));
        CallRecord call = simulator.place(CallRequest.phlo(from, to, playAudio), scenario, arrivedAt);
        PhloRun run = new PhloRun(phloRunId, phloId, from, to, clock.instant(), call);
        runs.add(run);
        return run;
    }
}
