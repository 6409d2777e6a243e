package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The HTTP edges the SDK test does not reach: Plivo's error bodies and the inspection API. */
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

        http.get().uri("/sandbox/calls?to=%2B14155550112").exchange()
                .expectStatus().isOk()
                .expectBody().json("[]");
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
}
