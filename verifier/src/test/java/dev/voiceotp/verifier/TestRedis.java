package dev.voiceotp.verifier;

import dev.voiceotp.testsupport.RedisServerProcess;

/**
 * One real redis-server per test JVM, from test-support. Only Redis: {@code TestInfrastructure} would also
 * start a Kafka broker, which the verifier never talks to and which costs seconds and a few hundred
 * megabytes on a shared two-core machine.
 */
final class TestRedis {

    private static final RedisServerProcess SERVER = start();

    private TestRedis() {
    }

    static String url() {
        return SERVER.url();
    }

    private static RedisServerProcess start() {
        RedisServerProcess server = RedisServerProcess.startOnFreePort();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-redis-stop"));
        return server;
    }
}
