package dev.voiceotp.sandbox.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlivoXmlTest {

    @Test
    void shouldHearSsmlAsPlainWordsWithTheSpelledOutCodeContiguous() throws Exception {
        String spoken = spokenText("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                  <Speak voice="Polly.Amy" language="en-GB">
                    <prosody rate="slow" volume="loud">Your <emphasis level="strong">verification</emphasis> code is
                      <break time="400ms"/><say-as interpret-as="spell-out">0 4 2
                      9 1 7</say-as>.</prosody>
                  </Speak>
                </Response>
                """);

        assertThat(spoken).isEqualTo("Your verification code is 042917.");
    }

    @Test
    void shouldRepeatALoopedSpeak() throws Exception {
        String spoken = spokenText("""
                <Response><Speak loop="2">Code <say-as interpret-as="digits">123456</say-as>.</Speak></Response>""");

        assertThat(spoken).isEqualTo("Code 123456. Code 123456.");
    }

    @Test
    void shouldHearASubstitutionAsItsAlias() throws Exception {
        String spoken = spokenText("""
                <Response><Speak>This is <sub alias="Voice OTP">VOTP</sub> calling.</Speak></Response>""");

        assertThat(spoken).isEqualTo("This is Voice OTP calling.");
    }

    @Test
    void shouldSeparateSentencesParagraphsAndWordsThatTagsSplit() throws Exception {
        String spoken = spokenText("""
                <Response><Speak><p><s>Hello.</s><s>Listen<break/>carefully.</s></p><lang xml:lang="fr-FR"><w>Merci</w></lang></Speak></Response>""");

        assertThat(spoken).isEqualTo("Hello. Listen carefully. Merci");
    }

    @Test
    void shouldJoinSeveralSpeaksAndGetDigitsPromptsWithASpace() throws Exception {
        PlivoResponse response = PlivoXml.parse(bytes("""
                <Response>
                  <Speak>Your code is 1 2 3.</Speak>
                  <Wait length="1"/>
                  <GetDigits action="https://app.example/digits" method="POST" numDigits="1">
                    <Speak>Press 1 to hear it again.</Speak>
                  </GetDigits>
                  <Speak>Goodbye.</Speak>
                  <Hangup reason="completed"/>
                </Response>"""));

        assertThat(response.spokenText()).isEqualTo("Your code is 1 2 3. Press 1 to hear it again. Goodbye.");
        assertThat(response.instructions()).hasSize(5).element(1).isEqualTo(new Instruction.Wait(1));
    }

    @Test
    void shouldReadGetDigitsWithPlivosDefaultsAndARedirect() throws Exception {
        PlivoResponse response = PlivoXml.parse(bytes("""
                <Response>
                  <GetDigits action="/digits"><Speak>Press a key.</Speak></GetDigits>
                  <GetDigits action="/code" method="GET" timeout="10" finishOnKey="*" numDigits="6" retries="3"
                             redirect="false" validDigits="0123456789"/>
                  <Redirect method="GET">https://app.example/next</Redirect>
                </Response>"""));

        assertThat(response.instructions()).containsExactly(
                new Instruction.GetDigits("/digits", null, 5, "#", 99, 1, true, "1234567890*#",
                        List.of(new Instruction.Speak("Press a key.", null, null, 1))),
                new Instruction.GetDigits("/code", "GET", 10, "*", 6, 3, false, "0123456789", List.of()),
                new Instruction.Redirect("https://app.example/next", "GET"));
    }

    @Test
    void shouldRefuseADoctypeSoNoEntityCanReachFilesOrExpand() {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE Response [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Response><Speak>&secret;</Speak></Response>""";

        assertThatThrownBy(() -> PlivoXml.parse(bytes(hostile)))
                .isInstanceOf(PlivoXmlException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldStayHardenedWhenItsParsersAreReused() throws Exception {
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE Response [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <Response><Speak>&b;</Speak></Response>""";

        for (int round = 0; round < 3; round++) {
            assertThat(spokenText("<Response><Speak>Round " + round + "</Speak></Response>")).isEqualTo("Round " + round);
            assertThatThrownBy(() -> PlivoXml.parse(bytes(hostile)))
                    .isInstanceOf(PlivoXmlException.class)
                    .hasMessageContaining("DOCTYPE");
        }
    }

    @Test
    void shouldRefuseXmlThatIsNotWellFormed() {
        assertThatThrownBy(() -> PlivoXml.parse(bytes("<Response><Speak>Your code</Response>")))
                .isInstanceOf(PlivoXmlException.class)
                .hasMessageStartingWith("not well-formed XML");
    }

    @Test
    void shouldRefuseADocumentThatIsNotAResponse() {
        assertThatThrownBy(() -> PlivoXml.parse(bytes("<Speak>Hi</Speak>")))
                .isInstanceOf(PlivoXmlException.class)
                .hasMessage("root element is <Speak>, expected <Response>");
    }

    private static String spokenText(String xml) throws PlivoXmlException {
        return PlivoXml.parse(bytes(xml)).spokenText();
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
