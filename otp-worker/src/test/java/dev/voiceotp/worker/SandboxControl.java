package dev.voiceotp.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's scenario and inspection API (/sandbox/**) as the call-flow tests use it: tell the callee of a
 * number what to do (answer, be a machine, press keys), then read what the call said and what was pressed.
 */
final class SandboxControl {

    private static final Pattern SPELLED_CODE = Pattern.compile("\\d(?: \\d){5}");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    SandboxControl(EmbeddedPlivoSandbox sandbox) {
        this.baseUrl = sandbox.baseUrl();
    }

    /** Adds a scenario rule ({@code number}, {@code outcome}, {@code digits}, {@code api}, ...). */
    void scenario(Map<String, Object> rule) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/scenarios"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(rule))).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("scenario refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** The calls to a number, oldest first. */
    List<JsonNode> callsTo(String e164) {
        return list("/sandbox/calls?to=" + e164.replace("+", "%2B"));
    }

    /** The newest call to a number once it has ended, or null while there is none. */
    JsonNode endedCallTo(String e164) {
        List<JsonNode> calls = callsTo(e164);
        if (calls.isEmpty()) {
            return null;
        }
        JsonNode last = calls.getLast();
        return last.path("endedAt").isNull() || last.path("endedAt").isMissingNode() ? null : last;
    }

    /** The PHLO runs whose call went to a number. */
    List<JsonNode> phloRunsTo(String e164) {
        return list("/sandbox/phlo-runs").stream().filter(run -> e164.endsWith(run.path("to").asString().replace("+", ""))).toList();
    }

    /** The HTTP statuses the sandbox answered to the Plivo API requests (Call API or PHLO runs) for a number. */
    List<Integer> apiStatusesFor(String e164) {
        return list("/sandbox/api-requests?to=" + e164.replace("+", "%2B")).stream().map(request -> request.path("status").asInt()).toList();
    }

    /** Each time a code was read digit by digit in a call's spoken text, the code. */
    static List<String> codesSpoken(JsonNode call) {
        Matcher matcher = SPELLED_CODE.matcher(call.path("spokenText").asString());
        List<String> codes = new ArrayList<>();
        while (matcher.find()) {
            codes.add(matcher.group().replace(" ", ""));
        }
        return codes;
    }

    private List<JsonNode> list(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).build());
        return json.readTree(response.body()).valueStream().toList();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
