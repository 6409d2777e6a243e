package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.CallbackUrl;
import dev.voiceotp.sandbox.xml.PlivoResponse;
import dev.voiceotp.sandbox.xml.PlivoXml;
import dev.voiceotp.sandbox.xml.PlivoXmlException;

/**
 * The answered call gets its XML, from the answer URL (or the PHLO's own document), tells the machine detection URL
 * when a machine answered in {@code true} mode, and plays it. An answer URL that does not answer or answers 5xx is
 * tried again, as Plivo does ({@link #ANSWER_URL_RETRIES}); one that still fails, a 4xx, or XML Plivo would refuse
 * fails the call and ends it.
 */
record Answer(CallbackSender callbacks, XmlPlayer player) implements CallStep {

    /** Plivo retries an answer URL that does not answer (or answers 5xx) three times before giving up. */
    static final int ANSWER_URL_RETRIES = 3;
    static final Duration ANSWER_URL_RETRY_PAUSE = Duration.ofMillis(500);

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        CallRequest request = call.request();
        PlivoResponse document = request.inlineAnswer();
        URI documentUrl = null;
        CallbackUrl answerUrl = request.answerUrl();
        if (answerUrl != null) {
            Delivery answer = callbacks.sendRetrying(call, "answer_url", answerUrl, CallbackParameters.answer(call),
                    CallEvent.Type.ANSWER_URL, ANSWER_URL_RETRIES, ANSWER_URL_RETRY_PAUSE);
            if (!answer.successful()) {
                return Optional.of(XmlPlayer.failed(call, "answer_url " + answer.problem(), HangupCause.ANSWER_URL_ERROR));
            }
            try {
                document = PlivoXml.parse(answer.body());
            } catch (PlivoXmlException e) {
                return Optional.of(XmlPlayer.failed(call, "invalid answer XML: " + e.getMessage(),
                        HangupCause.INVALID_ANSWER_XML));
            }
            documentUrl = answerUrl.url();
        }
        Pause.checkTimeLimit(call);
        tellMachineDetectionUrl(call);
        return player.play(call, requireDocument(document), documentUrl);
    }

    private void tellMachineDetectionUrl(CallRecord call) throws InterruptedException {
        MachineDetection detection = call.request().machineDetection();
        if (call.machine() && detection.mode() == MachineDetection.Mode.DETECT && detection.url() != null) {
            callbacks.send(call, "machine_detection_url", detection.url(), CallbackParameters.machineDetection(call),
                    CallEvent.Type.CALLBACK);
        }
    }

    private static PlivoResponse requireDocument(@Nullable PlivoResponse document) {
        if (document == null) {
            throw new IllegalStateException("a call request has an answer URL or an inline answer");
        }
        return document;
    }
}
