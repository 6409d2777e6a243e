package dev.voiceotp.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a producer app and a curious person do with a running local system, over HTTP. */
final class SystemClient {

    /** The code as the sandbox heard it: six digits, read one by one (so maybe separated by spaces). */
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d(?: ?\\d){5})\\b");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final LocalSettings settings;
    /** Every code a call read out, so a test can search all outputs for them afterwards. */
    private final Set<String> heardCodes = ConcurrentHashMap.newKeySet();

    SystemClient(LocalSettings settings) {
        this.settings = settings;
    }

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply requestVerification(String phoneNumber) {
        return requestVerificationAs(settings.demoApiKey(), phoneNumber);
    }

    /** A request by the producer app that owns the given key. */
    Reply requestVerificationAs(String apiKey, String phoneNumber) {
        return send(HttpRequest.newBuilder(uri(settings.gatewayPort(), "/v1/verifications"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumber\":\"" + phoneNumber + "\"}")));
    }

    /** A request of the demo app that asks for a delivery method ({@code call} or {@code phlo}). */
    Reply requestVerification(String phoneNumber, String delivery) {
        return post(settings.gatewayPort(), "/v1/verifications", "{\"phoneNumber\":\"" + phoneNumber + "\",\"delivery\":\"" + delivery + "\"}");
    }

    /** Adds a sandbox scenario rule ({@code POST /sandbox/scenarios}), the JSON its README describes. */
    void addScenario(String rule) {
        Reply added = post(settings.sandboxPort(), "/sandbox/scenarios", rule);
        if (added.status() != 201) {
            throw new IllegalStateException("the sandbox refused the scenario " + rule + ": " + added);
        }
    }

    /** The sandbox's record of the Plivo API requests for a number, refused ones included, oldest first. */
    JsonNode apiRequestsTo(String phoneNumber) {
        return get(settings.sandboxPort(), "/sandbox/api-requests?to=" + URLEncoder.encode(phoneNumber, StandardCharsets.UTF_8)).body();
    }

    Reply getVerificationAs(String apiKey, String id) {
        return send(HttpRequest.newBuilder(uri(settings.gatewayPort(), "/v1/verifications/" + id))
                .header("Authorization", "Bearer " + apiKey).GET());
    }

    Reply getVerification(String id) {
        return send(HttpRequest.newBuilder(uri(settings.gatewayPort(), "/v1/verifications/" + id))
                .header("Authorization", "Bearer " + settings.demoApiKey()).GET());
    }

    Reply check(String id, String code) {
        return post(settings.verifierPort(), "/v1/verifications/" + id + "/checks", "{\"code\":\"" + code + "\"}");
    }

    Reply get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET());
    }

    /** The body of a GET as text, whatever its status (for scrapes and searches). */
    String getText(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sandbox's calls to a number. */
    JsonNode callsTo(String phoneNumber) {
        return get(settings.sandboxPort(), "/sandbox/calls?to=" + URLEncoder.encode(phoneNumber, StandardCharsets.UTF_8)).body();
    }

    /** Waits until the sandbox has heard a completed call to the number and returns the code it heard. */
    String awaitHeardCode(String phoneNumber) {
        String code = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> heardCode(phoneNumber), heard -> heard != null);
        heardCodes.add(code);
        return code;
    }

    Set<String> heardCodes() {
        return Set.copyOf(heardCodes);
    }

    private String heardCode(String phoneNumber) {
        for (JsonNode call : callsTo(phoneNumber)) {
            if ("completed".equals(call.path("status").asString())) {
                Matcher matcher = SIX_DIGITS.matcher(call.path("spokenText").asString());
                if (matcher.find()) {
                    return matcher.group(1).replace(" ", "");
                }
            }
        }
        return null;
    }

    private Reply post(int port, String path, String body) {
        return send(HttpRequest.newBuilder(uri(port, path))
                .header("Authorization", "Bearer " + settings.demoApiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Every request carries a sampled W3C trace context, as a traced producer app's would: the services continue
     * its trace (the verifier traces only such requests), so a run exports a span for each request it serves.
     */
    private Reply send(HttpRequest.Builder request) {
        try {
            request.header("traceparent", "00-" + randomHex(16) + "-" + randomHex(8) + "-01");
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            return new Reply(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
