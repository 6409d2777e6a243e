package dev.voiceotp.sandbox.call;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.voiceotp.sandbox.callback.CallbackClient;
import dev.voiceotp.sandbox.callback.CallbackException;
import dev.voiceotp.sandbox.callback.CallbackResponse;
import dev.voiceotp.sandbox.xml.PlivoXml;
import dev.voiceotp.sandbox.xml.PlivoXmlException;

/**
 * A person answers: the answer URL is requested and its XML interpreted into what the callee hears. An unreachable
 * URL, a non-2xx answer or XML Plivo would refuse fails the call and ends it.
 */
record Answer(CallbackClient callbacks) implements CallStep {

    private static final Logger log = LoggerFactory.getLogger(Answer.class);

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        call.answered();
        CallRequest request = call.request();
        CallbackResponse response;
        try {
            response = callbacks.send(request.answerUrl(), request.answerMethod(), CallbackParameters.answer(call));
        } catch (CallbackException e) {
            return failed(call, "answer_url failed: " + e.getMessage(), HangupCause.ANSWER_URL_ERROR);
        }
        call.event(CallEvent.Type.ANSWER_URL, request.answerMethod() + " answer_url: HTTP " + response.status());
        if (!response.successful()) {
            return failed(call, "answer_url returned HTTP " + response.status(), HangupCause.ANSWER_URL_ERROR);
        }
        try {
            call.spoke(PlivoXml.parse(response.body()).spokenText());
            return Optional.empty();
        } catch (PlivoXmlException e) {
            return failed(call, "invalid answer XML: " + e.getMessage(), HangupCause.INVALID_ANSWER_XML);
        }
    }

    private static Optional<HangupCause> failed(CallRecord call, String reason, HangupCause cause) {
        log.warn("Call {} failed: {}", call.requestUuid(), reason);
        call.fail(reason);
        return Optional.of(cause);
    }
}
