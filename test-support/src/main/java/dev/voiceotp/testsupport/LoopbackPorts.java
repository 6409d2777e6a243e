package dev.voiceotp.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Blocks of loopback ports for a system whose parts listen at fixed distances from each other (a service's actuator
 * at its port + 1,000, a cluster node's bus at + 10,000). A port asked for one by one ({@code new ServerSocket(0)})
 * comes from the ephemeral range, where any client connection's local port can take it, or a neighbour derived from
 * it, before the server binds: such starts failed now and then. These ports lie below that range.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;
    /** Where Linux starts handing out local ports to outgoing connections ({@code ip_local_port_range}). */
    private static final int EPHEMERAL_START = 32_768;

    private LoopbackPorts() {
    }

    /**
     * A base port such that {@code base + offset} is free for every offset, all below the ephemeral range.
     *
     * @param offsets the distances from the base of every port the system will listen on, 0 included
     */
    public static int freeBase(int... offsets) {
        int highest = Arrays.stream(offsets).max().orElse(0);
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_START - highest);
            if (Arrays.stream(offsets).allMatch(offset -> isFree(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports below " + EPHEMERAL_START + " for offsets " + Arrays.toString(offsets));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
