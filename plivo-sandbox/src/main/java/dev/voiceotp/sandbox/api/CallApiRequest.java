package dev.voiceotp.sandbox.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.voiceotp.sandbox.call.CallRequest;
import dev.voiceotp.sandbox.call.PhoneFormat;
import dev.voiceotp.sandbox.callback.CallbackMethod;

/**
 * The Call API's JSON body as the SDK sends it. {@code to} is a JSON array from plivo-java and a string with
 * {@code <} between destinations in Plivo's REST docs, so both are read. Fields Plivo knows but the sandbox does not
 * use are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CallApiRequest(
        @JsonProperty("from") @Nullable String from,
        @JsonProperty("to") @Nullable Object to,
        @JsonProperty("answer_url") @Nullable String answerUrl,
        @JsonProperty("answer_method") @Nullable String answerMethod,
        @JsonProperty("hangup_url") @Nullable String hangupUrl,
        @JsonProperty("hangup_method") @Nullable String hangupMethod,
        @JsonProperty("caller_name") @Nullable String callerName,
        @JsonProperty("time_limit") @Nullable Integer timeLimit,
        @JsonProperty("ring_timeout") @Nullable Integer ringTimeout,
        @JsonProperty("machine_detection") @Nullable String machineDetection) {

    /** One validated request per destination. */
    List<CallRequest> toCallRequests() {
        String caller = require("from", from);
        if (!PhoneFormat.isDialable(caller)) {
            throw PlivoApiException.badRequest("from must be a phone number or a SIP URI");
        }
        List<String> destinations = destinations();
        URI answer = callbackUrl("answer_url", require("answer_url", answerUrl));
        URI hangup = hangupUrl == null || hangupUrl.isBlank() ? null : callbackUrl("hangup_url", hangupUrl);
        CallbackMethod answerVia = method("answer_method", answerMethod);
        CallbackMethod hangupVia = method("hangup_method", hangupMethod);
        return destinations.stream()
                .map(destination -> new CallRequest(PhoneFormat.e164(caller), PhoneFormat.e164(destination), answer,
                        answerVia, hangup, hangupVia, callerName, timeLimit, ringTimeout, machineDetection))
                .toList();
    }

    private List<String> destinations() {
        Stream<String> raw = switch (to) {
            case null -> Stream.empty();
            case String joined -> Arrays.stream(joined.split("<"));
            case List<?> list -> list.stream().map(String::valueOf);
            default -> throw PlivoApiException.badRequest("to must be a string or an array of strings");
        };
        List<String> destinations = raw.map(String::trim).filter(destination -> !destination.isEmpty()).toList();
        if (destinations.isEmpty()) {
            throw PlivoApiException.badRequest("to is required");
        }
        destinations.stream().filter(destination -> !PhoneFormat.isDialable(destination)).findFirst()
                .ifPresent(invalid -> {
                    throw PlivoApiException.badRequest("to must hold phone numbers or SIP URIs");
                });
        return destinations;
    }

    private static String require(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw PlivoApiException.badRequest(field + " is required");
        }
        return value.trim();
    }

    private static URI callbackUrl(String field, String value) {
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
