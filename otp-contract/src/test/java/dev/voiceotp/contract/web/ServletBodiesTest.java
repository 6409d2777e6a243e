package dev.voiceotp.contract.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ServletBodiesTest {

    private static final int LIMIT = 4096;

    @Test
    void shouldReadTheDeclaredLengthWithinTheLimitAndOneByteOverItOtherwise() {
        assertThat(ServletBodies.bytesToRead(31, LIMIT)).isEqualTo(31);
        assertThat(ServletBodies.bytesToRead(LIMIT, LIMIT)).isEqualTo(LIMIT);
        // over the limit, or chunked (no declared length): read just enough to tell that it is too large
        assertThat(ServletBodies.bytesToRead(LIMIT + 1, LIMIT)).isEqualTo(LIMIT + 1);
        assertThat(ServletBodies.bytesToRead(-1, LIMIT)).isEqualTo(LIMIT + 1);
    }

    @Test
    void shouldReturnAWholeBodyWithinTheLimitAndOneByteMoreOfALargerOne() throws IOException {
        assertThat(ServletBodies.read(request("{\"a\":1}"), LIMIT)).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
        assertThat(ServletBodies.read(request("x".repeat(LIMIT + 500)), LIMIT)).hasSize(LIMIT + 1);
        assertThat(ServletBodies.read(request(""), LIMIT)).isEmpty();
    }

    private static MockHttpServletRequest request(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
