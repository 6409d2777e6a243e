package dev.voiceotp.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What Redis a local run starts.
 *
 * @param cluster a cluster of three primaries on the Redis port and the two after it ({@code VOICE_OTP_REDIS=cluster})
 *        instead of one redis-server ({@code single}, the default)
 * @param dataDir where the one redis-server keeps an append-only file, written to disk every second
 *        ({@code VOICE_OTP_REDIS_DATA}), so that a redis-server started again on it finds the data, as the fault suite's
 *        Redis restart does; unset, Redis keeps nothing on disk
 */
record LocalRedisShape(boolean cluster, @Nullable Path dataDir) {

    LocalRedisShape {
        if (cluster && dataDir != null) {
            throw new IllegalArgumentException("VOICE_OTP_REDIS_DATA keeps the data of one redis-server, not of a cluster");
        }
    }

    static LocalRedisShape fromEnvironment(Map<String, String> env) {
        String shape = env.getOrDefault("VOICE_OTP_REDIS", "single").trim();
        if (!shape.equalsIgnoreCase("single") && !shape.equalsIgnoreCase("cluster")) {
            throw new IllegalArgumentException("VOICE_OTP_REDIS must be single or cluster, was " + shape);
        }
        String data = env.getOrDefault("VOICE_OTP_REDIS_DATA", "").trim();
        return new LocalRedisShape(shape.equalsIgnoreCase("cluster"), data.isEmpty() ? null : Path.of(data).toAbsolutePath());
    }
}
