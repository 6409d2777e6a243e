package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.voiceotp.contract.DeliveryMethod;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.app.ProducerAppsProperties.App;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;
import dev.voiceotp.worker.WorkerPropertiesFixture;
import dev.voiceotp.worker.app.AppSettings;

class CodePromptTest {

    private static final String DIGITS = "https://worker.example.com/plivo/digits/tok/";
    private static final ProducerAppsProperties APPS = new ProducerAppsProperties(List.of(
            new App("shop", "Acme Shop", List.of("a".repeat(64))),
            new App("bank", "Berlin Bank", List.of("b".repeat(64)), "+4930123456", "de-DE", DeliveryMethod.CALL, null,
                    ProducerAppsProperties.Quotas.DEFAULTS, null)));

    @Test
    void shouldGreetWithTheBrandReadTheCodeAndOfferAReplayWhenAnswered() {
        Document answer = XmlDocuments.parse(prompt(Mode.DETECT, false).answer(verification("shop", null), "042917", "tok"));

        assertThat(XmlDocuments.elements(answer, "Speak").getFirst().getTextContent()).startsWith("Hello, this is Acme Shop.");
        assertThat(XmlDocuments.elements(answer, "say-as")).hasSize(12);
        assertThat(XmlDocuments.elements(answer, "GetDigits").getFirst().getAttribute("action")).isEqualTo(DIGITS + "repeat?replays=0");
    }

    @Test
    void shouldSpeakTheAppsDefaultLanguageUnlessTheRequestNamesOne() {
        CodePrompt prompt = prompt(Mode.DETECT, false);

        Element german = XmlDocuments.elements(XmlDocuments.parse(prompt.answer(verification("bank", null), "042917", "tok")), "Speak").getFirst();
        Element spanish = XmlDocuments.elements(XmlDocuments.parse(prompt.answer(verification("bank", "es-ES"), "042917", "tok")), "Speak").getFirst();

        assertThat(german.getAttribute("voice")).isEqualTo("Polly.Vicki");
        assertThat(german.getTextContent()).startsWith("Hallo, hier ist Berlin Bank.");
        assertThat(spanish.getAttribute("voice")).isEqualTo("Polly.Lucia");
    }

    @Test
    void shouldReplayTheCodeAFewTimesAndNoMore() {
        CodePrompt prompt = prompt(Mode.DETECT, false);
        VerificationRecord verification = verification("shop", null);

        Document first = XmlDocuments.parse(prompt.replay(verification, "042917", "tok", 0));
        Document last = XmlDocuments.parse(prompt.replay(verification, "042917", "tok", 1));
        Document beyond = XmlDocuments.parse(prompt.replay(verification, "042917", "tok", 2));

        assertThat(XmlDocuments.elements(first, "say-as")).hasSize(12);
        assertThat(XmlDocuments.elements(first, "Speak").getFirst().getTextContent()).doesNotContain("Acme Shop");
        assertThat(XmlDocuments.elements(first, "GetDigits").getFirst().getAttribute("action")).isEqualTo(DIGITS + "repeat?replays=1");
        assertThat(XmlDocuments.elements(last, "say-as")).hasSize(12);
        assertThat(XmlDocuments.elements(last, "GetDigits")).isEmpty();
        assertThat(XmlDocuments.elements(beyond, "say-as")).isEmpty();
    }

    @Test
    void shouldKeepTheCodeBackUntilAKeyIsPressedInPressKeyMode() {
        CodePrompt prompt = prompt(Mode.PRESS_KEY, false);
        VerificationRecord verification = verification("shop", null);

        String answer = prompt.answer(verification, "042917", "tok");
        Document afterKey = XmlDocuments.parse(prompt.afterPresence(verification, "042917", "tok"));

        assertThat(answer).doesNotContain("say-as").contains(DIGITS + "start?replays=0");
        assertThat(XmlDocuments.elements(afterKey, "say-as")).hasSize(12);
        assertThat(XmlDocuments.elements(afterKey, "Speak").getFirst().getTextContent()).startsWith("Your verification code is");
    }

    @Test
    void shouldAskForTheCodeAndAnswerEachCheckResultWhenConfirmingInTheCall() {
        CodePrompt prompt = prompt(Mode.DETECT, true);
        VerificationRecord verification = verification("shop", null);

        Document answer = XmlDocuments.parse(prompt.answer(verification, "042917", "tok"));
        Document wrong = XmlDocuments.parse(prompt.confirmed(verification, 6, "tok", CheckResult.WRONG_CODE, 1));

        assertThat(XmlDocuments.elements(answer, "GetDigits").getFirst().getAttribute("action")).isEqualTo(DIGITS + "confirm?replays=0");
        assertThat(XmlDocuments.elements(answer, "GetDigits").getFirst().getAttribute("numDigits")).isEqualTo("6");
        assertThat(XmlDocuments.elements(wrong, "Speak").getFirst().getTextContent()).isEqualTo("That code is not correct. Please try again.");
        assertThat(XmlDocuments.elements(wrong, "GetDigits").getFirst().getAttribute("action")).isEqualTo(DIGITS + "confirm?replays=1");
        assertThat(prompt.confirmed(verification, 6, "tok", CheckResult.APPROVED, 0)).contains("Your code is confirmed.").contains("<Hangup/>");
        assertThat(prompt.confirmed(verification, 6, "tok", CheckResult.LOCKED, 0)).contains("Too many wrong codes.").contains("<Hangup/>");
        assertThat(prompt.confirmed(verification, 6, "tok", CheckResult.NOT_FOUND, 0)).contains("no longer valid").contains("<Hangup/>");
    }

    private static CodePrompt prompt(Mode voicemail, boolean confirmInCall) {
        WorkerProperties properties = WorkerPropertiesFixture.callFlow(voicemail, confirmInCall);
        return new CodePrompt(new AnswerXml(properties), new PromptLanguages("en-US"), new AppSettings(APPS, properties), properties);
    }

    private static VerificationRecord verification(String appId, String locale) {
        Instant now = Instant.now();
        return new VerificationRecord("v-1", appId, "+14155550123", locale, VerificationStatus.PENDING, now, now.plusSeconds(600), 0,
                null, new VerificationRecord.CallInfo(null, null, null, null, null, null));
    }
}
