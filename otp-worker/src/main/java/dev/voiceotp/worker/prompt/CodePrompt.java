package dev.voiceotp.worker.prompt;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerProperties.Voicemail.Mode;
import dev.voiceotp.worker.app.AppSettings;

/**
 * The call flow: which document each webhook answers with, in the verification's language and with its app's
 * brand. The answer either reads the code or, in {@code press-key} mode, first asks for a key; after the code
 * comes the offer to hear it again, or, in confirm-in-call mode, the request to type it. Replays are counted in
 * the action URLs (Plivo signs them with the rest of the request), so no state is kept for them.
 */
@Component
public class CodePrompt {

    private final AnswerXml xml;
    private final PromptLanguages languages;
    private final AppSettings apps;
    private final CallbackUrls urls;
    private final Mode voicemail;
    private final boolean confirmInCall;
    private final int maxReplays;

    public CodePrompt(AnswerXml xml, PromptLanguages languages, AppSettings apps, WorkerProperties properties) {
        this.xml = xml;
        this.languages = languages;
        this.apps = apps;
        this.urls = new CallbackUrls(properties.publicBaseUrl());
        this.voicemail = properties.voicemail().mode();
        this.confirmInCall = properties.confirmInCall();
        this.maxReplays = properties.prompt().replays();
    }

    /** The answer URL's document: the greeting and the code, or in press-key mode the greeting and "press 1". */
    public String answer(VerificationRecord verification, String code, String token) {
        PromptLanguage language = languageOf(verification);
        String brand = apps.brand(verification.appId());
        if (voicemail == Mode.PRESS_KEY) {
            return xml.presenceCheck(language, brand, urls.digits(token, DigitsStep.START, 0));
        }
        return codeAndFollowUp(language, brand, code, token, 0);
    }

    /** After the key press of press-key mode: the code (the greeting was heard already). */
    public String afterPresence(VerificationRecord verification, String code, String token) {
        return codeAndFollowUp(languageOf(verification), null, code, token, 0);
    }

    /** The code once more, as long as replays remain; {@code replaysSoFar} counts the earlier ones. */
    public String replay(VerificationRecord verification, String code, String token, int replaysSoFar) {
        PromptLanguage language = languageOf(verification);
        if (replaysSoFar >= maxReplays) {
            return xml.farewell(language, "");
        }
        return codeAndFollowUp(language, null, code, token, replaysSoFar + 1);
    }

    /** The answer to a code typed on the keypad, after the atomic check decided {@code result}. */
    public String confirmed(VerificationRecord verification, int codeLength, String token, CheckResult result, int replaysSoFar) {
        PromptLanguage language = languageOf(verification);
        return switch (result) {
            case APPROVED, ALREADY_USED -> xml.farewell(language, language.confirmApproved());
            case WRONG_CODE, INVALID -> xml.confirmAgain(language, codeLength, urls.digits(token, DigitsStep.CONFIRM, replaysSoFar),
                    replaysSoFar < maxReplays);
            case NOT_FOUND, CLOSED -> xml.farewell(language, language.confirmClosed());
            // LOCKED, and the number's failure budget running out, which locks the verification as well
            default -> xml.farewell(language, language.confirmLocked());
        };
    }

    /** Goodbye, and the end of the call. */
    public String goodbye(VerificationRecord verification) {
        return xml.farewell(languageOf(verification), "");
    }

    public String nothingToSay() {
        return xml.hangUp();
    }

    public String machineAnswered() {
        return xml.rejectMachine();
    }

    private String codeAndFollowUp(PromptLanguage language, @Nullable String brand, String code, String token, int replaysSoFar) {
        boolean replayAllowed = replaysSoFar < maxReplays;
        if (confirmInCall) {
            return xml.readCodeThenConfirm(language, brand, code, urls.digits(token, DigitsStep.CONFIRM, replaysSoFar), replayAllowed);
        }
        return xml.readCode(language, brand, code, replayAllowed ? urls.digits(token, DigitsStep.REPEAT, replaysSoFar) : null);
    }

    private PromptLanguage languageOf(VerificationRecord verification) {
        return languages.choose(verification.locale(), apps.defaultLocale(verification.appId()), verification.phoneNumber());
    }
}
