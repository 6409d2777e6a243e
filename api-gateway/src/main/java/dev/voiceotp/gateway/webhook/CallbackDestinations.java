package dev.voiceotp.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import dev.voiceotp.contract.web.Cidr;

/**
 * Where webhook deliveries may go, so that a callback URL cannot turn the gateway against the network it runs in
 * (server-side request forgery). A URL must be {@code https}, or {@code http} to a loopback host; before every
 * attempt each address its host resolves to must be public, unless it lies in a network allowed in configuration
 * ({@code voice-otp.gateway.webhooks.allowed-networks}, for example {@code 127.0.0.0/8} for the local run).
 * Refused: loopback, private (RFC 1918, unique local), link-local (cloud metadata services live there), shared
 * (RFC 6598), "this network", benchmarking, multicast and broadcast addresses.
 *
 * <p>The JDK's HTTP client resolves the host again when it connects; it finds the same answer, cached by the JVM for
 * {@code networkaddress.cache.ttl} (30 s by default), which keeps a DNS answer that changes between the check and
 * the connection (rebinding) out.
 */
final class CallbackDestinations {

    /** Every block that is not public, the JDK's any-local, loopback, link-local, site-local and multicast included. */
    private static final List<Cidr> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
            "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8").stream().map(Cidr::parse).toList();

    private final List<Cidr> allowed;

    CallbackDestinations(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
    }

    /**
     * The shape rule, checked when the configuration is read.
     *
     * @return why the URL is refused, or null when it is acceptable
     */
    static String refusal(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return "must be an absolute URL with a host";
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return "must not carry credentials or a fragment";
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(url.getScheme()) && isLoopbackName(url.getHost());
        return https || loopbackHttp ? null : "must use https (http only to a loopback host)";
    }

    /**
     * @throws DestinationRefusedException when the host does not resolve or one of its addresses may not be reached
     */
    void check(URI url) throws DestinationRefusedException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new DestinationRefusedException("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowed.stream().noneMatch(network -> network.contains(address))) {
                throw new DestinationRefusedException("the host resolves to an address that is not public: "
                        + address.getHostAddress());
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        InetAddress plain = address instanceof Inet6Address v6 ? embeddedIpv4(v6) : address;
        return NOT_PUBLIC.stream().noneMatch(network -> network.contains(plain));
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}), else the address itself. */
    private static InetAddress embeddedIpv4(Inet6Address address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return address;
        }
        try {
            return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean isLoopbackName(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(bare)) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(bare).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A callback URL whose host may not be reached. */
    static final class DestinationRefusedException extends Exception {
        DestinationRefusedException(String message) {
            super(message);
        }
    }
}
