package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.plivo.api.xml.Break;
import com.plivo.api.xml.GetDigits;
import com.plivo.api.xml.Hangup;
import com.plivo.api.xml.Prosody;
import com.plivo.api.xml.Response;
import com.plivo.api.xml.SayAs;
import com.plivo.api.xml.Speak;
import com.plivo.api.xml.Wait;

import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;
import dev.voiceotp.worker.WorkerPropertiesFixture;

/**
 * Every document {@link AnswerXml} renders by hand, in every language, has the same content as the one plivo-java's
 * XML builders produce: the same elements, attributes and words. The SDK's builders also check each language's
 * Polly voice against Plivo's list. Whitespace between elements (the SDK indents) and the attributes the SDK writes
 * with Plivo's default values ({@code loop="1"}, {@code legs="aleg"} on Speak) do not count.
 */
class AnswerXmlSdkEquivalenceTest {

    private static final String URL = "https://worker.example.com/plivo/digits/tok/confirm?replays=1";
    private static final String CODE = "042917";
    private static final Map<String, Map<String, String>> SDK_DEFAULTS = Map.of("Speak", Map.of("loop", "1", "legs", "aleg"));

    private final AnswerXml xml = new AnswerXml(WorkerPropertiesFixture.callFlow(Mode.DETECT, false));
    private final PromptLanguages languages = new PromptLanguages("en-US");

    static Iterable<String> locales() {
        return PromptLanguages.supportedLocales();
    }

    @ParameterizedTest
    @MethodSource("locales")
    void shouldReadTheCodeAndOfferAReplayAsTheSdkWould(String locale) throws Exception {
        PromptLanguage language = language(locale);

        Response sdk = new Response().children(
                new Wait().length(1),
                codeReading(language, "Acme"),
                new GetDigits().action(URL).method("POST").numDigits(1).timeout(5).retries(1).validDigits("1").redirect(true)
                        .children(speak(language, language.replayOffer())),
                speak(language, language.goodbye()));

        assertSameContent(xml.readCode(language, "Acme", CODE, URL), sdk.toXmlString());
    }

    @ParameterizedTest
    @MethodSource("locales")
    void shouldReadTheCodeAndAskToTypeItAsTheSdkWould(String locale) throws Exception {
        PromptLanguage language = language(locale);

        Response sdk = new Response().children(
                codeReading(language, null),
                new GetDigits().action(URL).method("POST").numDigits(6).timeout(10).digitTimeout(4).retries(1)
                        .validDigits("0123456789*").redirect(true)
                        .children(speak(language, language.confirmAsk()).addBreak(null, "300ms").continueSpeak(language.confirmReplay())),
                speak(language, language.confirmMissing()).addBreak(null, "300ms").continueSpeak(language.goodbye()));

        assertSameContent(xml.readCodeThenConfirm(language, null, CODE, URL, true), sdk.toXmlString());
    }

    @ParameterizedTest
    @MethodSource("locales")
    void shouldAskForAKeyFirstAsTheSdkWould(String locale) throws Exception {
        PromptLanguage language = language(locale);

        Response sdk = new Response().children(
                new Wait().length(1),
                new GetDigits().action(URL).method("POST").numDigits(1).timeout(5).retries(2).validDigits("0123456789*").redirect(true)
                        .children(speak(language, language.greetingFor("Acme")).addBreak(null, "300ms").continueSpeak(language.presenceAsk())),
                speak(language, language.presenceMissing()).addBreak(null, "300ms").continueSpeak(language.goodbye()));

        assertSameContent(xml.presenceCheck(language, "Acme", URL), sdk.toXmlString());
    }

    @ParameterizedTest
    @MethodSource("locales")
    void shouldAnswerTypedCodesAsTheSdkWould(String locale) throws Exception {
        PromptLanguage language = language(locale);

        Response again = new Response().children(
                speak(language, language.confirmWrong()),
                new GetDigits().action(URL).method("POST").numDigits(6).timeout(10).digitTimeout(4).retries(1)
                        .validDigits("0123456789").redirect(true).children(speak(language, language.confirmAsk())),
                speak(language, language.confirmMissing()).addBreak(null, "300ms").continueSpeak(language.goodbye()));
        Response approved = new Response().children(
                speak(language, language.confirmApproved()).addBreak(null, "300ms").continueSpeak(language.goodbye()), new Hangup());

        assertSameContent(xml.confirmAgain(language, 6, URL, false), again.toXmlString());
        assertSameContent(xml.farewell(language, language.confirmApproved()), approved.toXmlString());
    }

    @ParameterizedTest
    @MethodSource("locales")
    void shouldHangUpAsTheSdkWould(String locale) throws Exception {
        assertSameContent(xml.hangUp(), new Response().children(new Hangup()).toXmlString());
        assertSameContent(xml.rejectMachine(), new Response().children(new Hangup().reason("rejected")).toXmlString());
        assertSameContent(xml.farewell(language(locale), ""),
                new Response().children(speak(language(locale), language(locale).goodbye()), new Hangup()).toXmlString());
    }

    private PromptLanguage language(String locale) {
        return languages.choose(locale, null, "+14155550123");
    }

    /** The SDK wants the language before the voice: it checks the voice against the language set last. */
    private static Speak speak(PromptLanguage language, String text) throws Exception {
        return new Speak(text).language(language.locale()).voice(language.voice());
    }

    private static Speak codeReading(PromptLanguage language, String brand) throws Exception {
        Speak speak = brand == null ? speak(language, "") : speak(language, language.greetingFor(brand)).addBreak(null, "500ms");
        for (int reading = 0; reading < 2; reading++) {
            Prosody digits = new Prosody("", null, "85%", null);
            for (int i = 0; i < CODE.length(); i++) {
                if (i > 0) {
                    digits.children(new Break(null, "400ms"));
                }
                digits.children(new SayAs(String.valueOf(CODE.charAt(i)), "digits"));
            }
            speak.continueSpeak(reading == 0 ? language.codeIntro() : language.codeAgain()).addBreak(null, "300ms")
                    .children(digits).continueSpeak(".").addBreak(null, "1000ms");
        }
        return speak;
    }

    private static void assertSameContent(String handRendered, String fromSdk) {
        assertThat(canonical(XmlDocuments.parse(handRendered).getDocumentElement()))
                .isEqualTo(canonical(XmlDocuments.parse(fromSdk).getDocumentElement()));
    }

    /** Element name, attributes (minus the SDK's defaults) and children, with text trimmed and blank text dropped. */
    private static String canonical(Element element) {
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap all = element.getAttributes();
        Map<String, String> defaults = SDK_DEFAULTS.getOrDefault(element.getTagName(), Map.of());
        for (int i = 0; i < all.getLength(); i++) {
            Node attribute = all.item(i);
            if (!attribute.getNodeValue().equals(defaults.get(attribute.getNodeName()))) {
                attributes.put(attribute.getNodeName(), attribute.getNodeValue());
            }
        }
        StringJoiner children = new StringJoiner(", ", "[", "]");
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                children.add(canonical(nested));
            } else if (child.getNodeType() == Node.TEXT_NODE && !child.getNodeValue().isBlank()) {
                children.add('"' + child.getNodeValue().strip().replaceAll("\\s+", " ") + '"');
            }
        }
        return element.getTagName() + attributes + children;
    }
}
