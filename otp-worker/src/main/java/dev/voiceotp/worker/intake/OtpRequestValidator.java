package dev.voiceotp.worker.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;

/**
 * Checks a request from the topic against its JSON Schema's rules: anyone may publish there, so the worker
 * trusts nothing it did not check.
 */
@Component
class OtpRequestValidator {

    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");
    /** Clocks of the gateway and the workers may differ by this much; a request from further ahead lies about its time. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final ProducerAppsProperties apps;
    private final Clock clock;

    OtpRequestValidator(ProducerAppsProperties apps, Clock clock) {
        this.apps = apps;
        this.clock = clock;
    }

    void validate(OtpRequest request) {
        if (request.version() != OtpRequest.VERSION) {
            throw InvalidOtpRequestException.unsupportedVersion(request.version());
        }
        if (request.verificationId() == null || !OtpRequest.isWellFormedVerificationId(request.verificationId())) {
            throw InvalidOtpRequestException.malformed("verificationId is missing or malformed");
        }
        if (request.appId() == null || apps.apps().stream().noneMatch(app -> app.id().equals(request.appId()))) {
            throw InvalidOtpRequestException.malformed("unknown producer app");
        }
        if (request.requestedAt() == null || request.expiresAt() == null) {
            throw InvalidOtpRequestException.malformed("requestedAt and expiresAt are required");
        }
        // the code's lifetime is capped relative to requestedAt: a requestedAt in the future would stretch it
        if (request.requestedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw InvalidOtpRequestException.malformed("requestedAt is in the future");
        }
        if (request.locale() != null && !LOCALE.matcher(request.locale()).matches()) {
            throw InvalidOtpRequestException.malformed("locale is malformed");
        }
        try {
            if (!PhoneNumbers.requireE164(request.phoneNumber(), "phoneNumber").equals(request.phoneNumber())) {
                throw InvalidOtpRequestException.malformed("phoneNumber is not in canonical E.164 form");
            }
        } catch (ApiProblem e) {
            throw InvalidOtpRequestException.malformed("phoneNumber is not a valid E.164 number");
        }
    }
}
