package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code voice-otp.events} as configuration binds and validates it. */
class EventsPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void shouldClaimUnacknowledgedEntriesAfterFifteenSecondsByDefault() {
        EventsProperties events = bind(Map.of());

        assertThat(events.outbox().claimAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThat(validator.validate(events)).isEmpty();
    }

    @Test
    void shouldRefuseAClaimSoShortThatRelayedEntriesWouldBeSentAgain() {
        EventsProperties events = bind(Map.of("voice-otp.events.outbox.claim-after", "1s"));

        assertThat(validator.validate(events)).extracting(ConstraintViolation::getPropertyPath).map(String::valueOf)
                .containsExactly("outbox.claimAfter");
        assertThat(validator.validate(bind(Map.of("voice-otp.events.outbox.claim-after", "2s")))).isEmpty();
    }

    @Test
    void shouldLingerAFifthOfASecondByDefaultAndRefuseMoreThanASecond() {
        assertThat(bind(Map.of()).outbox().linger()).isEqualTo(Duration.ofMillis(200));

        EventsProperties events = bind(Map.of("voice-otp.events.outbox.linger", "2s"));

        assertThat(validator.validate(events)).extracting(ConstraintViolation::getPropertyPath).map(String::valueOf)
                .containsExactly("outbox.linger");
        assertThat(validator.validate(bind(Map.of("voice-otp.events.outbox.linger", "0ms")))).isEmpty();
    }

    private static EventsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("voice-otp.events", EventsProperties.class);
    }
}
