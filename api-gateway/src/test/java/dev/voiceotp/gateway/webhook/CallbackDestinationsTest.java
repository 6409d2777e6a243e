package dev.voiceotp.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No server-side request forgery through a callback URL. */
class CallbackDestinationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/otp", "http://localhost:8099/hooks", "http://127.0.0.1:8099/",
            "http://[::1]:8099/"})
    void shouldAcceptHttpsAndPlainHttpOnlyToLoopback(String url) {
        assertThat(CallbackDestinations.refusal(URI.create(url))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/otp", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/",
            "https://hooks.example.com/#x", "/relative", "http://10.0.0.5/"})
    void shouldRefuseAnythingElse(String url) {
        assertThat(CallbackDestinations.refusal(URI.create(url))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "::1", "fd00::1", "fe80::1", "fec0::1", "ff02::1", "::", "::ffff:10.0.0.1", "::ffff:127.0.0.1"})
    void shouldCallOnlyPublicAddressesPublic(String address) {
        assertThat(CallbackDestinations.isPublic(InetAddress.ofLiteral(address))).isFalse();
    }

    @Test
    void shouldCallAPublicAddressPublic() {
        assertThat(CallbackDestinations.isPublic(InetAddress.ofLiteral("93.184.215.14"))).isTrue();
        assertThat(CallbackDestinations.isPublic(InetAddress.ofLiteral("2606:4700::1"))).isTrue();
    }

    @Test
    void shouldRefuseLoopbackUnlessItsNetworkIsAllowed() {
        URI local = URI.create("http://127.0.0.1:8099/hooks");

        assertThatThrownBy(() -> new CallbackDestinations(List.of()).check(local))
                .isInstanceOf(CallbackDestinations.DestinationRefusedException.class).hasMessageContaining("not public");
        assertThatNoException().isThrownBy(() -> new CallbackDestinations(List.of("127.0.0.0/8")).check(local));
    }

    @Test
    void shouldRefuseAHostThatDoesNotResolve() {
        assertThatThrownBy(() -> new CallbackDestinations(List.of()).check(URI.create("https://no-such-host.invalid/")))
                .isInstanceOf(CallbackDestinations.DestinationRefusedException.class).hasMessageContaining("does not resolve");
    }
}
