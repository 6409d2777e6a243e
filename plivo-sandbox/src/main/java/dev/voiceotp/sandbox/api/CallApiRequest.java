package dev.voiceotp.sandbox.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.voiceotp.sandbox.call.CallRequest;
import dev.voiceotp.sandbox.call.MachineDetection;
import dev.voiceotp.sandbox.call.PhoneFormat;
import dev.voiceotp.sandbox.callback.CallbackMethod;
import dev.voiceotp.sandbox.callback.CallbackUrl;

/**
 * The Call API's JSON body as the SDK sends it, validated as Plivo does: 400 with Plivo's error body for a missing
 * or malformed field and for a destination that is not a valid number. {@code to} is a JSON array from plivo-java
 * and a string with {@code <} between destinations in Plivo's REST docs, so both are read. Fields Plivo knows but the
 * sandbox does not simulate ({@code fallback_url}: the sandbox retries the answer URL but has no fallback;
 * {@code send_digits}, {@code sip_headers}...) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CallApiRequest(
        @JsonProperty("from") @Nullable String from,
        @JsonProperty("to") @Nullable Object to,
        @JsonProperty("answer_url") @Nullable String answerUrl,
        @JsonProperty("answer_method") @Nullable String answerMethod,
        @JsonProperty("hangup_url") @Nullable String hangupUrl,
        @JsonProperty("hangup_method") @Nullable String hangupMethod,
        @JsonProperty("ring_url") @Nullable String ringUrl,
        @JsonProperty("ring_method") @Nullable String ringMethod,
        @JsonProperty("caller_name") @Nullable String callerName,
        @JsonProperty("time_limit") @Nullable Long timeLimit,
        @JsonProperty("ring_timeout") @Nullable Long ringTimeout,
        @JsonProperty("machine_detection") @Nullable Object machineDetection,
        @JsonProperty("machine_detection_time") @Nullable Long machineDetectionTime,
        @JsonProperty("machine_detection_url") @Nullable String machineDetectionUrl,
        @JsonProperty("machine_detection_method") @Nullable String machineDetectionMethod) {

    private static final int MAX_CALLER_NAME = 50;

    /** One validated request per destination. */
    List<CallRequest> toCallRequests() {
        String caller = require("from", from);
        if (!PhoneFormat.isDialable(caller)) {
            throw PlivoApiException.badRequest("from must be a phone number or a SIP URI");
        }
        List<String> destinations = callableDestinations();
        CallbackUrl answer = new CallbackUrl(url("answer_url", require("answer_url", answerUrl)),
                method("answer_method", answerMethod));
        CallbackUrl hangup = optionalUrl("hangup_url", hangupUrl, hangupMethod);
        CallbackUrl ring = optionalUrl("ring_url", ringUrl, ringMethod);
        Duration limit = seconds("time_limit", timeLimit, CallRequest.DEFAULT_TIME_LIMIT, 86_400);
        Duration ringing = seconds("ring_timeout", ringTimeout, CallRequest.DEFAULT_RING_TIMEOUT, 3_600);
        MachineDetection detection = detection();
        if (callerName != null && callerName.length() > MAX_CALLER_NAME) {
            throw PlivoApiException.badRequest("caller_name must be at most " + MAX_CALLER_NAME + " characters");
        }
        return destinations.stream()
                .map(destination -> new CallRequest(PhoneFormat.e164(caller), PhoneFormat.e164(destination), callerName,
                        answer, null, hangup, ring, limit, ringing, detection))
                .toList();
    }

    /** The destinations as sent, in E.164, for the sandbox's request log; empty when {@code to} is unreadable. */
    List<String> destinationsAsSent() {
        try {
            return rawDestinations().map(PhoneFormat::e164).toList();
        } catch (PlivoApiException e) {
            return List.of();
        }
    }

    private List<String> callableDestinations() {
        List<String> destinations = rawDestinations().toList();
        if (destinations.isEmpty()) {
            throw PlivoApiException.badRequest("to is required");
        }
        if (!destinations.stream().allMatch(PhoneFormat::isCallable)) {
            throw PlivoApiException.invalidNumber();
        }
        return destinations;
    }

    private Stream<String> rawDestinations() {
        Stream<String> raw = switch (to) {
            case null -> Stream.empty();
            case String joined -> Arrays.stream(joined.split("<"));
            case List<?> list -> list.stream().map(String::valueOf);
            default -> throw PlivoApiException.badRequest("to must be a string or an array of strings");
        };
        return raw.map(String::trim).filter(destination -> !destination.isEmpty());
    }

    private MachineDetection detection() {
        MachineDetection.Mode mode = switch (machineDetection) {
            case null -> MachineDetection.Mode.OFF;
            case Boolean on -> on ? MachineDetection.Mode.DETECT : MachineDetection.Mode.OFF;
            case String value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "", "false" -> MachineDetection.Mode.OFF;
                case "true" -> MachineDetection.Mode.DETECT;
                case "hangup" -> MachineDetection.Mode.HANGUP;
                default -> throw PlivoApiException.badRequest("machine_detection must be true or hangup");
            };
            default -> throw PlivoApiException.badRequest("machine_detection must be true or hangup");
        };
        if (machineDetectionTime != null && (machineDetectionTime < 2_000 || machineDetectionTime > 10_000)) {
            throw PlivoApiException.badRequest("machine_detection_time must be between 2000 and 10000 milliseconds");
        }
        Duration analysis = machineDetectionTime == null ? MachineDetection.DEFAULT_ANALYSIS_TIME
                : Duration.ofMillis(machineDetectionTime);
        return mode == MachineDetection.Mode.OFF ? MachineDetection.OFF : new MachineDetection(mode, analysis,
                optionalUrl("machine_detection_url", machineDetectionUrl, machineDetectionMethod));
    }

    private static Duration seconds(String field, @Nullable Long value, Duration fallback, long max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw PlivoApiException.badRequest(field + " must be between 1 and " + max + " seconds");
        }
        return Duration.ofSeconds(value);
    }

    private static String require(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw PlivoApiException.badRequest(field + " is required");
        }
        return value.trim();
    }

    private static @Nullable CallbackUrl optionalUrl(String field, @Nullable String value, @Nullable String method) {
        return value == null || value.isBlank() ? null
                : new CallbackUrl(url(field, value), method(field.replace("_url", "_method"), method));
    }

    private static URI url(String field, String value) {
        try {
            URI url = new URI(value.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // answered below, like any other unusable URL
        }
        throw PlivoApiException.badRequest(field + " must be an absolute http or https URL");
    }

    private static CallbackMethod method(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return CallbackMethod.POST;
        }
        return CallbackMethod.parse(value)
                .orElseThrow(() -> PlivoApiException.badRequest(field + " must be GET or POST"));
    }
}
