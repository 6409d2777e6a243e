package dev.voiceotp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
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
import dev.voiceotp.sandbox.call.CallEvent;
import dev.voiceotp.sandbox.call.CallSnapshot;
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
        Instant started = Instant.now();

        CallSnapshot call = answeredAfter600Ms("+14155550136", "slow");

        // fired first, answered afterwards: a client that gives up on the answer cannot tell whether the call exists
        assertThat(ringingAt(call)).isBefore(started.plusMillis(600));
    }

    @Test
    void shouldFireTheCallOnlyWhenALateAnswerIsSent() throws Exception {
        Instant started = Instant.now();

        CallSnapshot call = answeredAfter600Ms("+14155550138", "late");

        assertThat(ringingAt(call)).isAfterOrEqualTo(started.plusMillis(600));
    }

    @Test
    void shouldUseTheConfiguredDelayForASlowRuleWithoutOne() throws Exception {
        scenario("""
                {"number": "+14155550137", "api": "slow", "outcome": "busy"}""");

        long started = System.nanoTime();
        creator("14155550137").create();

        // the tests' sandbox sets 700 ms, far from the 3 s default a lost setting would fall back to
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(700), Duration.ofMillis(2_500));
        assertThat(awaitFinished("+14155550137").status()).isEqualTo(CallStatus.BUSY);
    }

    /** A call under a rule whose API answer takes 600 ms: the answer came no sooner, and the call completed. */
    private CallSnapshot answeredAfter600Ms(String number, String api) throws Exception {
        scenario("{\"number\": \"" + number + "\", \"api\": \"" + api + "\", \"apiDelayMs\": 600}");
        long started = System.nanoTime();
        creator(number.substring(1)).create();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        CallSnapshot call = awaitFinished(number);
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        return call;
    }

    private static Instant ringingAt(CallSnapshot call) {
        return call.events().stream().filter(event -> event.type() == CallEvent.Type.RINGING).findFirst()
                .orElseThrow(() -> new AssertionError("the call never rang: " + call.events())).at();
    }

    private VoiceCreator<CallCreateResponse> creator(String to) {
        return Call.creator(CALLER, List.of(to), application.url("/api/answer")).client(sdk());
    }
}
