package dev.voiceotp.worker.prompt;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.verification.VerificationRecord;

/** Chooses the language and brand of a verification's call and renders its answer XML. */
@Component
public class CodePrompt {

    private final AnswerXml xml;
    private final PromptLanguages languages;
    private final ProducerAppsProperties apps;

    public CodePrompt(AnswerXml xml, PromptLanguages languages, ProducerAppsProperties apps) {
        this.xml = xml;
        this.languages = languages;
        this.apps = apps;
    }

    public String render(VerificationRecord verification, String code) {
        PromptLanguage language = languages.choose(verification.locale(), verification.phoneNumber());
        return xml.readCode(language, brandOf(verification.appId()), code);
    }

    public String nothingToSay() {
        return xml.hangUp();
    }

    private String brandOf(String appId) {
        return apps.apps().stream().filter(app -> app.id().equals(appId)).map(ProducerAppsProperties.App::name)
                .findFirst().orElse("your verification service");
    }
}
