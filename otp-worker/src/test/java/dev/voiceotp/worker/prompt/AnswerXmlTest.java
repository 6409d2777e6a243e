package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;
import dev.voiceotp.worker.WorkerPropertiesFixture;

class AnswerXmlTest {

    private static final String REPLAY_URL = "https://worker.example.com/plivo/digits/tok/repeat?replays=0";
    private static final String CONFIRM_URL = "https://worker.example.com/plivo/digits/tok/confirm?replays=0";

    private final AnswerXml xml = new AnswerXml(WorkerPropertiesFixture.callFlow(Mode.DETECT, false));
    private final PromptLanguages languages = new PromptLanguages("en-US");
    private final PromptLanguage british = languages.choose("en-GB", null, "+442071838750");

    @Test
    void shouldSpeakEachDigitOnItsOwnWithPausesAtTheConfiguredRateAtLeastTwice() {
        Document document = XmlDocuments.parse(xml.readCode(british, "Acme", "042917", REPLAY_URL));

        Element speak = XmlDocuments.elements(document, "Speak").getFirst();
        assertThat(speak.getAttribute("voice")).isEqualTo("Polly.Amy");
        assertThat(speak.getAttribute("language")).isEqualTo("en-GB");
        assertThat(speak.getTextContent()).startsWith("Hello, this is Acme.");
        List<Element> readings = XmlDocuments.elements(document, "prosody");
        assertThat(readings).hasSize(2).allSatisfy(reading -> {
            assertThat(reading.getAttribute("rate")).isEqualTo("85%");
            List<Element> digits = XmlDocuments.children(reading, "say-as");
            assertThat(digits).extracting(Element::getTextContent).containsExactly("0", "4", "2", "9", "1", "7");
            assertThat(digits).allSatisfy(digit -> assertThat(digit.getAttribute("interpret-as")).isEqualTo("digits"));
            assertThat(XmlDocuments.children(reading, "break")).hasSize(5)
                    .allSatisfy(pause -> assertThat(pause.getAttribute("time")).isEqualTo("400ms"));
        });
    }

    @Test
    void shouldLeaveASecondOfSilenceBeforeTheGreeting() {
        Document document = XmlDocuments.parse(xml.readCode(british, "Acme", "042917", REPLAY_URL));

        Element first = (Element) document.getDocumentElement().getFirstChild();
        assertThat(first.getTagName()).isEqualTo("Wait");
        assertThat(first.getAttribute("length")).isEqualTo("1");
    }

    @Test
    void shouldOfferToHearTheCodeAgainWithTheOneKeyThenSayGoodbye() {
        Document document = XmlDocuments.parse(xml.readCode(british, "Acme", "042917", REPLAY_URL));

        Element offer = XmlDocuments.elements(document, "GetDigits").getFirst();
        assertThat(offer.getAttribute("action")).isEqualTo(REPLAY_URL);
        assertThat(offer.getAttribute("method")).isEqualTo("POST");
        assertThat(offer.getAttribute("numDigits")).isEqualTo("1");
        assertThat(offer.getAttribute("validDigits")).isEqualTo("1");
        assertThat(offer.getTextContent()).isEqualTo("To hear the code again, press 1.");
        assertThat(XmlDocuments.elements(document, "Speak").getLast().getTextContent()).isEqualTo("Goodbye.");
    }

    @Test
    void shouldMakeNoOfferOnceTheReplaysAreUsedUp() {
        Document document = XmlDocuments.parse(xml.readCode(british, null, "042917", null));

        assertThat(XmlDocuments.elements(document, "GetDigits")).isEmpty();
        assertThat(XmlDocuments.elements(document, "Speak").getFirst().getTextContent()).startsWith("Your verification code is");
    }

    @Test
    void shouldAskForTheWholeCodeOnTheKeypadAfterReadingItWhenConfirmingInTheCall() {
        Document withReplay = XmlDocuments.parse(xml.readCodeThenConfirm(british, "Acme", "042917", CONFIRM_URL, true));
        Document withoutReplay = XmlDocuments.parse(xml.readCodeThenConfirm(british, "Acme", "042917", CONFIRM_URL, false));

        Element request = XmlDocuments.elements(withReplay, "GetDigits").getFirst();
        assertThat(request.getAttribute("action")).isEqualTo(CONFIRM_URL);
        assertThat(request.getAttribute("numDigits")).isEqualTo("6");
        assertThat(request.getAttribute("validDigits")).isEqualTo("0123456789*");
        assertThat(request.getTextContent()).contains("type the code", "press star");
        Element withoutReplayRequest = XmlDocuments.elements(withoutReplay, "GetDigits").getFirst();
        assertThat(withoutReplayRequest.getAttribute("validDigits")).isEqualTo("0123456789");
        assertThat(withoutReplayRequest.getTextContent()).doesNotContain("star");
        assertThat(XmlDocuments.elements(withReplay, "say-as")).hasSize(12);
    }

    @Test
    void shouldAskForAKeyBeforeSayingAnyCodeInPressKeyMode() {
        String rendered = xml.presenceCheck(british, "Acme", "https://worker.example.com/plivo/digits/tok/start?replays=0");
        Document document = XmlDocuments.parse(rendered);

        Element ask = XmlDocuments.elements(document, "GetDigits").getFirst();
        assertThat(ask.getAttribute("numDigits")).isEqualTo("1");
        assertThat(ask.getTextContent()).contains("Hello, this is Acme.", "press 1");
        assertThat(XmlDocuments.elements(document, "say-as")).isEmpty();
        assertThat(XmlDocuments.elements(document, "Speak").getLast().getTextContent()).contains("did not hear a key press");
    }

    @Test
    void shouldHangUpOnAnAnsweringMachineWithoutAWord() {
        Document document = XmlDocuments.parse(xml.rejectMachine());

        assertThat(XmlDocuments.elements(document, "Speak")).isEmpty();
        assertThat(XmlDocuments.elements(document, "Hangup").getFirst().getAttribute("reason")).isEqualTo("rejected");
    }

    @Test
    void shouldEscapeTheBrandName() {
        String rendered = xml.readCode(languages.choose("en-US", null, "+14155550123"), "A&B <Bank> \"Ltd\" 'n'", "123456", null);

        assertThat(XmlDocuments.elements(XmlDocuments.parse(rendered), "Speak").getFirst().getTextContent())
                .contains("A&B <Bank> \"Ltd\" 'n'");
    }

    @Test
    void shouldRefuseToRenderSomethingThatIsNotACode() {
        PromptLanguage english = languages.choose("en-US", null, "+14155550123");

        assertThatThrownBy(() -> xml.readCode(english, "Acme", "12<34", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> xml.readCode(english, "Acme", "١٢٣٤٥٦", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
