package dev.voiceotp.sandbox.call;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;
import dev.voiceotp.sandbox.callback.CallbackMethod;
import dev.voiceotp.sandbox.callback.CallbackUrl;
import dev.voiceotp.sandbox.xml.Instruction;
import dev.voiceotp.sandbox.xml.PlivoResponse;
import dev.voiceotp.sandbox.xml.PlivoXml;
import dev.voiceotp.sandbox.xml.PlivoXmlException;

/**
 * Plays Plivo XML the way Plivo does, element by element: Speak is heard, Wait pauses, GetDigits speaks its prompts
 * and either sends the scenario's digits to its action URL (whose XML then replaces the document) or, with nothing
 * pressed, falls through after its retries; Redirect continues with another URL's XML; Hangup ends the call.
 * Simulated pauses are capped by {@code max-pause} so tests stay fast; the time limit is checked between elements.
 */
@Component
class XmlPlayer {

    /** How long a call answered by hand waits at a keypad prompt, at least and at most. */
    private static final int BY_HAND_MIN_WAIT_SECONDS = 30;
    private static final int BY_HAND_MAX_WAIT_SECONDS = 120;

    /** More documents than any real flow needs: stops an application that redirects a call in circles. */
    static final int MAX_DOCUMENTS = 50;

    private static final Logger log = LoggerFactory.getLogger(XmlPlayer.class);

    private final CallbackSender callbacks;
    private final Duration maxPause;

    XmlPlayer(CallbackSender callbacks, SandboxProperties properties) {
        this.callbacks = callbacks;
        this.maxPause = properties.maxPause();
    }

    /** What an element leaves the call to do next. */
    private sealed interface Next {

        record Continue() implements Next {
        }

        record End(HangupCause cause) implements Next {
        }

        record Jump(PlivoResponse document, URI documentUrl) implements Next {
        }
    }

    private static final Next CONTINUE = new Next.Continue();

    /** @return the cause that ended the call, or empty when the XML ran out and the callee may hang up */
    Optional<HangupCause> play(CallRecord call, PlivoResponse document, @Nullable URI documentUrl)
            throws InterruptedException {
        PlivoResponse current = document;
        URI base = documentUrl;
        for (int documents = 1; documents <= MAX_DOCUMENTS; documents++) {
            Next next = playDocument(call, current, base);
            switch (next) {
                case Next.Continue done -> {
                    return Optional.empty();
                }
                case Next.End end -> {
                    return Optional.of(end.cause());
                }
                case Next.Jump jump -> {
                    current = jump.document();
                    base = jump.documentUrl();
                }
            }
        }
        return Optional.of(failed(call, "more than " + MAX_DOCUMENTS + " XML documents in one call",
                HangupCause.INVALID_ANSWER_XML));
    }

    private Next playDocument(CallRecord call, PlivoResponse document, @Nullable URI base) throws InterruptedException {
        for (Instruction instruction : document.instructions()) {
            Next next = execute(call, instruction, base);
            Pause.checkTimeLimit(call);
            if (!(next instanceof Next.Continue)) {
                return next;
            }
        }
        return CONTINUE;
    }

    private Next execute(CallRecord call, Instruction instruction, @Nullable URI base) throws InterruptedException {
        return switch (instruction) {
            case Instruction.Speak speak -> speak(call, speak);
            case Instruction.Wait wait -> {
                call.event(CallEvent.Type.WAIT, "length=" + wait.lengthSeconds() + "s");
                Pause.pause(call, Pause.atMost(Duration.ofSeconds(Math.max(0, wait.lengthSeconds())), maxPause));
                yield CONTINUE;
            }
            case Instruction.GetDigits getDigits -> getDigits(call, getDigits, base);
            case Instruction.Redirect redirect -> redirect(call, redirect, base);
            case Instruction.Hangup hangup -> new Next.End(HangupCause.XML_HANGUP);
            case Instruction.Unsupported unsupported -> {
                call.event(CallEvent.Type.UNSUPPORTED, "<" + unsupported.element() + "> skipped");
                yield CONTINUE;
            }
        };
    }

    private static Next speak(CallRecord call, Instruction.Speak speak) {
        call.spoke(speak.heard());
        // Plivo's defaults for what the XML left out
        call.event(CallEvent.Type.SPEAK, "voice=" + Objects.requireNonNullElse(speak.voice(), "WOMAN") + " language="
                + Objects.requireNonNullElse(speak.language(), "en-US") + " loop=" + speak.loop());
        return CONTINUE;
    }

    private Next getDigits(CallRecord call, Instruction.GetDigits getDigits, @Nullable URI base)
            throws InterruptedException {
        Optional<String> typed = Optional.empty();
        for (int attempt = 1; attempt <= getDigits.retries() && typed.isEmpty(); attempt++) {
            for (Instruction prompt : getDigits.prompts()) {
                execute(call, prompt, base);
            }
            call.event(CallEvent.Type.GET_DIGITS, "attempt " + attempt + " of " + getDigits.retries() + ", numDigits="
                    + getDigits.numDigits() + ", timeout=" + getDigits.timeoutSeconds() + "s");
            typed = attempt == 1 ? call.nextDigitsEntry().flatMap(entry -> Keypad.typed(entry, call, getDigits))
                    : Optional.empty();
            if (typed.isEmpty() && call.byHand()) {
                typed = keysByHand(call, getDigits);
            }
            if (typed.isEmpty()) {
                Pause.pause(call, Pause.atMost(Duration.ofSeconds(Math.max(0, getDigits.timeoutSeconds())), maxPause));
            }
        }
        if (typed.isEmpty()) {
            call.event(CallEvent.Type.GET_DIGITS, "no input: continuing after GetDigits");
            return CONTINUE;
        }
        call.pressed(typed.get());
        if (getDigits.action() == null) {
            call.event(CallEvent.Type.GET_DIGITS, typed.get().length() + " digits pressed, no action URL");
            return CONTINUE;
        }
        Optional<CallbackUrl> action = resolve(base, getDigits.action(), getDigits.method());
        if (action.isEmpty()) {
            return new Next.End(failed(call, "GetDigits action is not an absolute http(s) URL",
                    HangupCause.ACTION_URL_ERROR));
        }
        Delivery delivery = callbacks.send(call, "GetDigits action (" + typed.get().length() + " digits)",
                action.get(), CallbackParameters.digits(call, typed.get()), CallEvent.Type.DIGITS_SENT);
        return getDigits.redirect() ? follow(call, "GetDigits action", delivery, action.get().url()) : CONTINUE;
    }

    /** A person answers on the phone page: the prompt's own timeout, but never less than a person needs to type. */
    private static Optional<String> keysByHand(CallRecord call, Instruction.GetDigits getDigits) throws InterruptedException {
        Duration wait = Duration.ofSeconds(Math.min(Math.max(getDigits.timeoutSeconds(), BY_HAND_MIN_WAIT_SECONDS), BY_HAND_MAX_WAIT_SECONDS));
        call.event(CallEvent.Type.GET_DIGITS, "waiting for keys: " + getDigits.numDigits() + " digit(s), up to " + wait.toSeconds() + " s");
        return call.awaitKeys(wait).flatMap(keys -> Keypad.typed(keys, call, getDigits));
    }

    private Next redirect(CallRecord call, Instruction.Redirect redirect, @Nullable URI base)
            throws InterruptedException {
        Optional<CallbackUrl> target = resolve(base, redirect.url(), redirect.method());
        if (target.isEmpty()) {
            return new Next.End(failed(call, "Redirect URL is not an absolute http(s) URL",
                    HangupCause.ACTION_URL_ERROR));
        }
        Delivery delivery = callbacks.send(call, "Redirect", target.get(), CallbackParameters.redirect(call),
                CallEvent.Type.REDIRECT);
        return follow(call, "Redirect", delivery, target.get().url());
    }

    /** The XML an action or redirect URL answered replaces the current document. */
    private static Next follow(CallRecord call, String name, Delivery delivery, URI url) {
        if (!delivery.successful()) {
            return new Next.End(failed(call, name + " " + delivery.problem(), HangupCause.ACTION_URL_ERROR));
        }
        try {
            return new Next.Jump(PlivoXml.parse(delivery.body()), url);
        } catch (PlivoXmlException e) {
            return new Next.End(failed(call, "invalid " + name + " XML: " + e.getMessage(),
                    HangupCause.INVALID_ANSWER_XML));
        }
    }

    /** Relative URLs resolve against the document's own URL, as a browser would. */
    private static Optional<CallbackUrl> resolve(@Nullable URI base, String url, @Nullable String method) {
        try {
            URI target = base == null ? new URI(url.trim()) : base.resolve(url.trim());
            boolean http = "http".equalsIgnoreCase(target.getScheme()) || "https".equalsIgnoreCase(target.getScheme());
            if (!http || target.getHost() == null) {
                return Optional.empty();
            }
            CallbackMethod via = method == null ? CallbackMethod.POST
                    : CallbackMethod.parse(method).orElse(CallbackMethod.POST);
            return Optional.of(new CallbackUrl(target, via));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records why the call fails and hands back the cause it ends with. */
    static HangupCause failed(CallRecord call, String reason, HangupCause cause) {
        log.warn("Call {} failed: {}", call.requestUuid(), reason);
        call.fail(reason);
        return cause;
    }
}
