package dev.voiceotp.contract.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Lua script from the class path, read and digested once: the one way every service loads its scripts.
 * Spring's {@code DefaultRedisScript} takes a lock, and for a resource asks whether the file changed, on every
 * {@code getSha1()}, which every EVALSHA calls; inside a jar that costs more than the round trip, and a script
 * shipped with the service never changes.
 *
 * @param text the script
 * @param sha1 its digest, the name EVALSHA runs it by
 * @param resultType what Spring Data Redis turns the reply into ({@code List} for a Lua table)
 */
public record LuaScript<T>(String text, String sha1, Class<T> resultType) implements RedisScript<T> {

    /**
     * @param location the script on the class path, e.g. {@code scripts/check-code.lua}
     * @param libraries shared script libraries it calls, on the class path: their text comes first, in order, and the
     *     whole runs as one script (Redis has no include; a library declares only {@code local} functions), e.g.
     *     {@link dev.voiceotp.contract.event.ScriptedEvents#LIBRARY}
     * @throws UncheckedIOException when one cannot be read (a packaging error, found at start-up)
     */
    public static <T> LuaScript<T> load(String location, Class<T> resultType, String... libraries) {
        StringBuilder text = new StringBuilder();
        for (String library : libraries) {
            text.append(read(library)).append('\n');
        }
        text.append(read(location));
        return new LuaScript<>(text.toString(), DigestUtils.sha1DigestAsHex(text.toString()), resultType);
    }

    private static String read(String location) {
        try {
            return new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }

    /**
     * The field/value pairs of a script's reply from index {@code first} on, as a map: a hash the script read
     * ({@code HGETALL}) and returned after its own leading values.
     */
    public static Map<String, String> hashFrom(List<?> reply, int first) {
        Map<String, String> hash = new HashMap<>();
        for (int i = first; i + 1 < reply.size(); i += 2) {
            hash.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
        }
        return hash;
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    public Class<T> getResultType() {
        return resultType;
    }

    @Override
    public String getScriptAsString() {
        return text;
    }
}
