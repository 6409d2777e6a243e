package dev.voiceotp.launcher;

import java.util.Map;

import dev.voiceotp.testsupport.LoopbackPorts;

/**
 * Local settings moved onto a block of loopback ports where every port the system binds (services, actuators,
 * webhook entry and receiver, Redis and its cluster bus) is free, below the ephemeral range: ports asked for one by
 * one ({@code new ServerSocket(0)}) come from that range, where a client connection's local port can take one
 * before the service binds it.
 */
final class FreeLayout {

    private FreeLayout() {
    }

    /** The default layout (8080, 8081, 8082, 8090, 6379) moved onto free ports: laid out from 0, the ports are offsets. */
    static LocalSettings movedOntoFreePorts(LocalSettings layout) {
        int base = LoopbackPorts.freeBase(layout.withPorts(0, 1, 2, 10, 20).boundPorts().stream().mapToInt(Integer::intValue).toArray());
        return layout.withPorts(base, base + 1, base + 2, base + 10, base + 20);
    }

    /** The default settings of a local system, on free ports. */
    static LocalSettings defaults() {
        return movedOntoFreePorts(LocalSettings.fromEnvironment(Map.of()));
    }
}
