package dev.voiceotp.sandbox.call;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.CallbackUrl;

/**
 * The Call API's {@code machine_detection} fields.
 *
 * @param analysisTime {@code machine_detection_time}: how long Plivo listens before deciding (XML waits for it)
 * @param url {@code machine_detection_url} and its method: told of a detected machine in {@code true} mode
 */
public record MachineDetection(Mode mode, Duration analysisTime, @Nullable CallbackUrl url) {

    /** Plivo's default analysis time. */
    public static final Duration DEFAULT_ANALYSIS_TIME = Duration.ofMillis(5000);

    public static final MachineDetection OFF = new MachineDetection(Mode.OFF, DEFAULT_ANALYSIS_TIME, null);

    public enum Mode {
        /** Not requested: a machine that answers hears the XML like a person would. */
        OFF,
        /** {@code true}: the answer URL and machine_detection_url learn {@code Machine=true}; the call goes on. */
        DETECT,
        /** {@code hangup}: a detected machine is hung up on before the answer URL is requested. */
        HANGUP
    }

    public boolean requested() {
        return mode != Mode.OFF;
    }
}
