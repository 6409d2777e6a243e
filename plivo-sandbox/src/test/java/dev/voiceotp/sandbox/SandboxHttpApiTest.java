package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** The HTTP edges the SDK tests do not reach: Plivo's error bodies, the scenario and inspection APIs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SandboxHttpApiTest {

    private static final String AUTH_ID = "MAVOICEOTPSANDBOX001";
    private static final String AUTH_TOKEN = "sandbox-auth-token";

    @Autowired
    RestTestClient http;

    @Test
    void shouldAnswerAMissingAnswerUrlWithPlivosBadRequestBody() {
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("from", "14155550100", "to", List.of("14155550112")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error").isEqualTo("answer_url is required")
                .jsonPath("$.api_id").isNotEmpty();

        forNumber("/sandbox/calls", "+14155550112").expectBody().json("[]");
        forNumber("/sandbox/api-requests", "+14155550112").expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].status").isEqualTo(400)
                .jsonPath("$[0].error").isEqualTo("answer_url is required");
    }

    @Test
    void shouldAnswerAnotherAccountsPathWithNotFound() {
        http.post().uri("/v1/Account/{authId}/Call/", "MAOTHERACCOUNT0000001")
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("from", "14155550100", "to", List.of("14155550115"), "answer_url", "http://localhost:1/a"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("The account in the path was not found.");
    }

    @Test
    void shouldAnswerWrongCredentialsWithPlivosUnauthorizedBodyBeforeReadingTheBody() {
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, "not-the-token"))
                .contentType(MediaType.TEXT_PLAIN)
                .body("not even JSON")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error").isEqualTo("Authentication credentials were missing or incorrect.")
                .jsonPath("$.api_id").isNotEmpty();
    }

    @Test
    void shouldAnswerABodyItCannotReadWithPlivosErrorBody() {
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.TEXT_PLAIN)
                .body("{}")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.error").isEqualTo("the request body must be application/json");
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"from\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("the request body is not valid JSON for this resource");
    }

    @Test
    void shouldFireOneCallPerDestinationOfAPlivoStyleToString() {
        String body = """
                {"from": "+14155550100", "to": "14155550116<14155550117", "answer_url": "http://localhost:1/answer",
                 "ring_timeout": 30, "some_future_field": {"ignored": true}}""";

        http.post().uri("/v1/Account/{authId}/Call", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.message").isEqualTo("call fired")
                .jsonPath("$.request_uuid.length()").isEqualTo(2);

        // '+' left unencoded in a query string arrives as a space: the sandbox still matches it
        http.get().uri("/sandbox/calls?to=+14155550117").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].to").isEqualTo("+14155550117")
                .jsonPath("$[0].from").isEqualTo("+14155550100")
                .jsonPath("$[0].answerUrl").isEqualTo("http://localhost:1/answer")
                .jsonPath("$[0].requestUuid").isNotEmpty()
                .jsonPath("$[0].callUuid").isNotEmpty()
                .jsonPath("$[0].status").isNotEmpty()
                .jsonPath("$[0].createdAt").value(String.class,
                        createdAt -> assertThat(createdAt).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
    }

    @Test
    void shouldAnswerAnUnknownCallWithAProblem() {
        http.get().uri("/sandbox/calls/{requestUuid}", "no-such-call").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No recorded call has request UUID no-such-call.");
    }

    @Test
    void shouldForgetEveryRecordedCallOnDelete() {
        String body = """
                {"from": "14155550100", "to": ["14155550118"], "answer_url": "http://localhost:1/answer"}""";
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isCreated();

        http.delete().uri("/sandbox/calls").exchange().expectStatus().isNoContent();

        http.get().uri("/sandbox/calls").exchange().expectStatus().isOk().expectBody().json("[]");
    }

    @Test
    void shouldRefuseCallFieldsPlivoWouldRefuse() {
        refused(Map.of("machine_detection", "maybe"), "machine_detection must be true or hangup");
        refused(Map.of("machine_detection", "true", "machine_detection_time", 1000),
                "machine_detection_time must be between 2000 and 10000 milliseconds");
        refused(Map.of("time_limit", 0), "time_limit must be between 1 and 86400 seconds");
        refused(Map.of("to", "14155550119<1415555"), "invalid destination number: to must hold valid phone numbers "
                + "(E.164 without '+') or SIP URIs");
        // the right length, but no North American area code starts with 1
        refused(Map.of("to", "11234567890"), "invalid destination number: to must hold valid phone numbers "
                + "(E.164 without '+') or SIP URIs");

        forNumber("/sandbox/calls", "+14155550119").expectBody().json("[]");
        forNumber("/sandbox/api-requests", "+14155550119").expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[0].status").isEqualTo(400)
                .jsonPath("$[0].api").isEqualTo("call");
    }

    @Test
    void shouldListRulesNewestFirstAndCountDownTheirUses() {
        addRule("""
                {"number": "+14155550191", "outcome": "no_answer"}""")
                .jsonPath("$.id").isNotEmpty()
                .jsonPath("$.api").isEqualTo("accept")
                .jsonPath("$.apiDelayMs").isEqualTo(0)
                .jsonPath("$.digits").isEmpty();
        addRule("""
                {"number": "+14155550191", "count": 2, "outcome": "busy", "digits": ["1", "{code}"]}""");

        fire("14155550191");

        http.get().uri("/sandbox/scenarios").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].outcome").isEqualTo("busy")
                .jsonPath("$[0].count").isEqualTo(1)
                .jsonPath("$[0].digits[1]").isEqualTo("{code}")
                .jsonPath("$[1].outcome").isEqualTo("no_answer");
        fire("14155550191");
        http.get().uri("/sandbox/scenarios").exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].outcome").isEqualTo("no_answer");

        http.delete().uri("/sandbox/scenarios").exchange().expectStatus().isNoContent();
        http.get().uri("/sandbox/scenarios").exchange().expectBody().json("[]");
    }

    @Test
    void shouldRefuseARuleItCouldNotFollow() {
        badRule("""
                {"outcome": "voicemail"}""").jsonPath("$.detail").value(String.class,
                detail -> assertThat(detail).contains("no_answer"));
        badRule("""
                {"digits": ["12a"]}""").jsonPath("$.detail").value(String.class,
                detail -> assertThat(detail).startsWith("digits[0]"));
        badRule("""
                {"number": "14155550100"}""").jsonPath("$.detail").value(String.class,
                detail -> assertThat(detail).startsWith("number"));
        badRule("""
                {"outcom": "busy"}""");

        http.get().uri("/sandbox/scenarios").exchange().expectBody().json("[]");
    }

    @Test
    void shouldAnswerAReplayBeforeAnyCallbackWithConflict() {
        addRule("""
                {"number": "+14155550192", "outcome": "failed"}""");
        String requestUuid = fire("14155550192");

        http.post().uri("/sandbox/calls/{requestUuid}/replay-last-callback", requestUuid).exchange()
                .expectStatus().isEqualTo(409);
        http.delete().uri("/sandbox/scenarios").exchange().expectStatus().isNoContent();
    }

    /** A GET with {@code to} encoded as a real client would ({@code %2B} for '+'). */
    private ResponseSpec forNumber(String path, String to) {
        // an expanded URI variable is encoded strictly, '+' included
        return http.get().uri(builder -> builder.path(path).queryParam("to", "{to}").build(to))
                .exchange().expectStatus().isOk();
    }

    /** A call with no hangup URL to a number; answers its request UUID. */
    private String fire(String to) {
        return http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("from", "14155550100", "to", List.of(to), "answer_url", "http://localhost:1/answer"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("request_uuid").toString();
    }

    private void refused(Map<String, Object> fields, String error) {
        Map<String, Object> body = new HashMap<>(Map.of("from", "14155550100", "to", "14155550119",
                "answer_url", "http://localhost:1/answer"));
        body.putAll(fields);
        http.post().uri("/v1/Account/{authId}/Call/", AUTH_ID)
                .headers(headers -> headers.setBasicAuth(AUTH_ID, AUTH_TOKEN))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo(error).jsonPath("$.api_id").isNotEmpty();
    }

    private BodyContentSpec addRule(String json) {
        return http.post().uri("/sandbox/scenarios").contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isCreated().expectBody();
    }

    private BodyContentSpec badRule(String json) {
        return http.post().uri("/sandbox/scenarios").contentType(MediaType.APPLICATION_JSON).body(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}
