package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.plivo.api.exceptions.GeoPermissionException;
import com.plivo.api.exceptions.InvalidRequestException;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.exceptions.ServerException;
import com.plivo.api.models.base.VoiceCreator;
import com.plivo.api.models.call.Call;
import com.plivo.api.models.call.CallCreateResponse;

import dev.voiceotp.sandbox.api.ApiRequest;
import dev.voiceotp.sandbox.call.CallStatus;

/** How the Call API answers when a scenario rule says so, as the SDK's exceptions show it. */
class ApiScenarioTest extends SdkTestSupport {

    @BeforeAll
    static void answers() {
        application.reply("/api/answer", 200, "<Response><Speak>Hello.</Speak></Response>");
    }

    @Test
    void shouldAnswer500SoTheSdkTriesBothFallbacksAndThrowsServerException() {
        scenario("""
                {"number": "+14155550131", "api": "server_error"}""");

        assertThatThrownBy(() -> creator("14155550131").create()).isInstanceOf(ServerException.class)
                .hasMessageContaining("internal server error");

        assertThat(apiRequests("+14155550131")).hasSize(3).extracting(ApiRequest::status).containsOnly(500);
        assertThat(calls("+14155550131")).isEmpty();
    }

    @Test
    void shouldLetTheSdksFallbackSucceedWhenOnlyTheFirstRequestFails() throws Exception {
        scenario("""
                {"number": "+14155550132", "count": 1, "api": "server_error"}""");

        CallCreateResponse created = creator("14155550132").create();

        assertThat(apiRequests("+14155550132")).extracting(ApiRequest::status).containsExactly(500, 201);
        assertThat(awaitFinished("+14155550132").requestUuid()).isEqualTo(created.getRequestUuid());
    }

    @Test
    void shouldAnswer429WhichTheSdkThrowsAsAPlainPlivoRestException() {
        scenario("""
                {"number": "+14155550133", "api": "rate_limited"}""");

        assertThatThrownBy(() -> creator("14155550133").create())
                .isExactlyInstanceOf(PlivoRestException.class)
                .hasMessageContaining("\"error\"").hasMessageContaining("too many requests");

        assertThat(apiRequests("+14155550133")).singleElement().extracting(ApiRequest::status).isEqualTo(429);
        assertThat(calls("+14155550133")).isEmpty();
    }

    @Test
    void shouldRefuseAnInvalidNumberWhetherAScenarioSaysSoOrTheNumberCannotExist() {
        scenario("""
                {"number": "+14155550134", "api": "invalid_number"}""");

        assertThatThrownBy(() -> creator("14155550134").create()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("invalid destination number");
        assertThatThrownBy(() -> creator("1415555").create()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("invalid destination number");

        assertThat(apiRequests("+1415555")).singleElement().extracting(ApiRequest::status).isEqualTo(400);
        assertThat(calls("+14155550134")).isEmpty();
        assertThat(calls("+1415555")).isEmpty();
    }

    @Test
    void shouldAnswer403ForAGeoBarredDestinationWhichTheSdkThrowsAsGeoPermissionException() {
        scenario("""
                {"number": "+14155550135", "api": "geo_barred"}""");

        assertThatThrownBy(() -> creator("14155550135").create()).isInstanceOf(GeoPermissionException.class);

        assertThat(calls("+14155550135")).isEmpty();
    }

    @Test
    void shouldFireTheCallButAnswerLateWhenSlow() throws Exception {
        scenario("""
                {"number": "+14155550136", "api": "slow", "apiDelayMs": 600}""");

        long started = System.nanoTime();
        creator("14155550136").create();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(awaitFinished("+14155550136").status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void shouldUseTheConfiguredDelayForASlowRuleWithoutOne() throws Exception {
        scenario("""
                {"number": "+14155550137", "api": "slow", "outcome": "busy"}""");

        long started = System.nanoTime();
        creator("14155550137").create();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(awaitFinished("+14155550137").status()).isEqualTo(CallStatus.BUSY);
    }

    private VoiceCreator<CallCreateResponse> creator(String to) {
        return Call.creator(CALLER, List.of(to), application.url("/api/answer")).client(sdk());
    }
}
