package dev.voiceotp.contract.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who the client is, for per-address limits, whatever the web stack: the socket's peer, unless that peer is a
 * trusted proxy; then the nearest {@code X-Forwarded-For} hop that is not itself trusted. Hops are read from the
 * right because each proxy appends the address it saw: everything left of the first untrusted hop was written by
 * the client and proves nothing. IPv6 addresses count per /64, the block one subscriber usually gets.
 */
public final class ClientAddressResolver {

    /** The header whose values the callers pass as {@code forwardedFor}. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_SUBJECT_LENGTH = 64;

    private final List<Cidr> trustedProxies;

    /**
     * @param trustedProxies addresses and CIDRs of trusted proxies
     * @param property the setting they come from, named when one of them is not an address
     */
    public ClientAddressResolver(List<String> trustedProxies, String property) {
        this.trustedProxies = trustedProxies.stream().map(configured -> cidr(configured, property)).toList();
    }

    /**
     * The address to limit, or null when the request names no address beyond trusted proxies (a producer backend
     * listed as trusted that forwards no end-user address is not limited per address).
     *
     * @param peer the socket's peer address, as text
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     */
    public @Nullable String of(String peer, List<String> forwardedFor) {
        InetAddress peerAddress = literal(peer);
        if (peerAddress == null || !trusted(peerAddress)) {
            return subject(peer, peerAddress);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null || !trusted(hop)) {
                return subject(hops.get(i), hop);
            }
        }
        return null;
    }

    /**
     * As {@link #of}, for a request that carries no credentials: never unlimited. A trusted proxy that forwards no
     * end-user address is limited under the nearest address it does give (its own, or the last trusted hop), so a
     * proxy that drops the header cannot open an anonymous route to unlimited use.
     */
    public String ofAnonymous(String peer, List<String> forwardedFor) {
        String client = of(peer, forwardedFor);
        if (client != null) {
            return client;
        }
        List<String> hops = hops(forwardedFor);
        String nearest = hops.isEmpty() ? peer : hops.getFirst();
        return subject(nearest, literal(nearest));
    }

    private static Cidr cidr(String configured, String property) {
        try {
            return Cidr.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": '" + configured + "' is not an IP address or CIDR (" + e.getMessage() + ")", e);
        }
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static List<String> hops(List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            Arrays.stream(header.split(",")).map(String::strip).filter(hop -> !hop.isEmpty()).forEach(hops::add);
        }
        return hops;
    }

    /** The address in a hop, without brackets or port ({@code [2001:db8::1]:443}, {@code 192.0.2.1:80}). */
    private static @Nullable InetAddress literal(String hop) {
        String address = hop;
        if (address.startsWith("[") && address.indexOf(']') > 0) {
            address = address.substring(1, address.indexOf(']'));
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        try {
            return InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String subject(String raw, @Nullable InetAddress address) {
        if (address == null) {
            // not an address (a misconfigured proxy): limited under its text rather than not at all
            return raw.length() > MAX_SUBJECT_LENGTH ? raw.substring(0, MAX_SUBJECT_LENGTH) : raw;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
