package dev.voiceotp.contract.web;

import java.net.InetAddress;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a block of one.
 * Parsed with {@link InetAddress#ofLiteral}, which never asks DNS.
 */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
        int length = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (length < 0 || length > address.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in " + cidr);
        }
        return new Cidr(address, length);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
