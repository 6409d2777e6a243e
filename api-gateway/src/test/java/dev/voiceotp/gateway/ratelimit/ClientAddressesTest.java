package dev.voiceotp.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.voiceotp.gateway.TestGatewayProperties;

/** Which address the per-address limit counts: X-Forwarded-For only counts when a trusted proxy wrote it. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(TestGatewayProperties.withTrustedProxies(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));

    @Test
    void shouldUseTheSocketPeerWhenItIsNotATrustedProxy() {
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeerSoAClientCannotPickItsOwnBucket() {
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo(addresses.of(request("203.0.113.7", "198.51.100.2")));
    }

    @Test
    void shouldTakeTheNearestUntrustedHopBehindTrustedProxies() {
        // the client wrote 192.0.2.66 itself; the edge proxy appended 198.51.100.9, the internal proxy 10.1.2.3
        assertThat(addresses.of(request("10.9.9.9", "192.0.2.66, 198.51.100.9, 10.1.2.3"))).isEqualTo("198.51.100.9");
    }

    @Test
    void shouldReadSeveralForwardedForHeadersInOrder() {
        MockHttpServletRequest request = request("10.9.9.9", "192.0.2.66");
        request.addHeader("X-Forwarded-For", "198.51.100.10");

        assertThat(addresses.of(request)).isEqualTo("198.51.100.10");
    }

    @Test
    void shouldNotLimitATrustedPeerThatForwardsNoClientAddress() {
        assertThat(addresses.of(request("10.9.9.9", null))).isNull();
        assertThat(addresses.of(request("10.9.9.9", "10.1.1.1"))).isNull();
    }

    @Test
    void shouldLimitAnAnonymousRequestThroughATrustedPeerThatForwardsNoClientAddress() {
        assertThat(addresses.ofAnonymous(request("10.9.9.9", null))).isEqualTo("10.9.9.9");
        assertThat(addresses.ofAnonymous(request("10.9.9.9", "10.1.1.1"))).isEqualTo("10.1.1.1");
        assertThat(addresses.ofAnonymous(request("10.9.9.9", "192.0.2.66, 10.1.2.3"))).isEqualTo("192.0.2.66");
    }

    @Test
    void shouldCountIpv6AddressesPerSlash64() {
        assertThat(addresses.of(request("2001:db8:1:2:aaaa::1", null)))
                .isEqualTo(addresses.of(request("2001:db8:1:2:bbbb::2", null)))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(addresses.of(request("2001:db8:1:3::1", null))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    @Test
    void shouldMatchTrustedIpv6BlocksAndStripPortsAndBrackets() {
        assertThat(addresses.of(request("2001:db8:ffff:1::5", "[2001:db8:2::1]:443"))).isEqualTo("2001:db8:2:0:0:0:0:0/64");
        assertThat(addresses.of(request("10.0.0.1", "198.51.100.3:51000"))).isEqualTo("198.51.100.3");
    }

    @Test
    void shouldLimitAMalformedHopUnderItsTextRatherThanNotAtAll() {
        assertThat(addresses.of(request("10.0.0.1", "unknown"))).isEqualTo("unknown");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/verifications");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
