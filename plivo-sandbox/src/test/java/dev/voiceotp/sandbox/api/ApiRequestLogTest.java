package dev.voiceotp.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.voiceotp.sandbox.TestProperties;

class ApiRequestLogTest {

    private final ApiRequestLog log = new ApiRequestLog(TestProperties.keeping(3));

    @Test
    void shouldKeepOnlyTheNewestRequestsSoMemoryStaysFlat() {
        for (int i = 1; i <= 5; i++) {
            log.add(new ApiRequest(Instant.now(), "call", List.of("+1415555010" + i), 201, null, List.of("req-" + i)));
        }

        assertThat(log.requests(null)).extracting(request -> request.to().getFirst())
                .containsExactly("+14155550103", "+14155550104", "+14155550105");
        assertThat(log.requests("+14155550104")).singleElement().extracting(ApiRequest::status).isEqualTo(201);
    }
}
