package dev.voiceotp.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.voiceotp.worker.TestProperties;

class AnswerXmlTest {

    // bound like Boot binds it, so new properties with defaults do not break this test
    private final AnswerXml xml = new AnswerXml(TestProperties.worker(Map.of(
            "voice-otp.worker.prompt.speaking-rate", "85%", "voice-otp.worker.prompt.repeat", "2")));
    private final PromptLanguages languages = new PromptLanguages("en-US");

    @Test
    void shouldSpeakTheCodeSpelledOutTwiceWithAPollyVoiceProsodyAndBreaks() throws Exception {
        Document document = parse(xml.readCode(languages.choose("en-GB", "+442071838750"), "Acme", "042917"));

        Element speak = (Element) document.getElementsByTagName("Speak").item(0);
        assertThat(speak.getAttribute("voice")).isEqualTo("Polly.Amy");
        assertThat(speak.getAttribute("language")).isEqualTo("en-GB");
        assertThat(document.getElementsByTagName("say-as").getLength()).isEqualTo(2);
        Element sayAs = (Element) document.getElementsByTagName("say-as").item(0);
        assertThat(sayAs.getAttribute("interpret-as")).isEqualTo("spell-out");
        assertThat(sayAs.getTextContent()).isEqualTo("042917");
        assertThat(((Element) sayAs.getParentNode()).getTagName()).isEqualTo("prosody");
        assertThat(document.getElementsByTagName("break").getLength()).isGreaterThanOrEqualTo(4);
        assertThat(speak.getTextContent()).contains("Hello, this is Acme.");
    }

    @Test
    void shouldEscapeTheBrandName() throws Exception {
        String rendered = xml.readCode(languages.choose("en-US", "+14155550123"), "A&B <Bank> \"Ltd\"", "123456");

        assertThat(parse(rendered).getElementsByTagName("Speak").item(0).getTextContent()).contains("A&B <Bank> \"Ltd\"");
    }

    @Test
    void shouldRefuseToRenderSomethingThatIsNotACode() {
        assertThatThrownBy(() -> xml.readCode(languages.choose("en-US", "+14155550123"), "Acme", "12<34"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String rendered) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8)));
    }
}
