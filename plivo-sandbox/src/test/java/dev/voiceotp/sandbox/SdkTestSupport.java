package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.plivo.api.PlivoClient;

import dev.voiceotp.sandbox.CallbackRecorder.Received;
import dev.voiceotp.sandbox.api.ApiRequest;
import dev.voiceotp.sandbox.call.CallSnapshot;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * What the tests that drive the sandbox through the real plivo-java SDK share: one sandbox (signing with a second,
 * rotated token too, and a short cap on unanswered ringing), a recorder playing the application, and helpers for
 * the scenario and inspection APIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "voice-otp.sandbox.extra-signing-tokens=" + SdkTestSupport.ROTATED_TOKEN,
        "voice-otp.sandbox.max-ring=300ms",
        "voice-otp.sandbox.slow-api-delay=700ms" })
@AutoConfigureRestTestClient
abstract class SdkTestSupport {

    static final String AUTH_ID = "MAVOICEOTPSANDBOX001";
    static final String AUTH_TOKEN = "sandbox-auth-token";
    static final String ROTATED_TOKEN = "the-next-auth-token";
    static final String CALLER = "14155550100";

    static CallbackRecorder application;

    @LocalServerPort
    int port;

    @Autowired
    RestTestClient http;

    @BeforeAll
    static void startApplication() throws Exception {
        application = CallbackRecorder.start();
    }

    @AfterAll
    static void stopApplication() {
        application.close();
    }

    @AfterEach
    void clearScenarios() {
        http.delete().uri("/sandbox/scenarios").exchange().expectStatus().isNoContent();
    }

    /** The SDK's voice clients ignore a base URL, so every request is rewritten to the sandbox (plivo-contract.md §2). */
    PlivoClient sdk() {
        return sdk(AUTH_TOKEN);
    }

    PlivoClient sdk(String authToken) {
        OkHttpClient.Builder toSandbox = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl sandbox = chain.request().url().newBuilder().scheme("http").host("localhost").port(port).build();
            return chain.proceed(chain.request().newBuilder().url(sandbox).build());
        });
        return new PlivoClient(AUTH_ID, authToken, toSandbox);
    }

    void scenario(String json) {
        http.post().uri("/sandbox/scenarios").contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange().expectStatus().isCreated();
    }

    /** The one call to {@code to}, once its status is final (its hangup URL has been told). */
    CallSnapshot awaitFinished(String to) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> calls(to), calls -> calls.size() == 1 && calls.getFirst().status().isFinal())
                .getFirst();
    }

    List<CallSnapshot> calls(String to) {
        return List.of(http.get().uri(builder -> builder.path("/sandbox/calls").queryParam("to", to).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody(CallSnapshot[].class)
                .returnResult()
                .getResponseBody());
    }

    List<ApiRequest> apiRequests(String to) {
        return List.of(http.get().uri(builder -> builder.path("/sandbox/api-requests").queryParam("to", to).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody(ApiRequest[].class)
                .returnResult()
                .getResponseBody());
    }

    static Received only(String path, CallSnapshot call) {
        List<Received> forCall = application.receivedOn(path, call.callUuid());
        assertThat(forCall).hasSize(1);
        return forCall.getFirst();
    }
}
