package dev.voiceotp.contract.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.StreamUtils;

/**
 * {@code scripts/check-code.lua}, read and digested once. Spring's {@code DefaultRedisScript} takes a lock and
 * asks its source whether it changed on every {@code getSha1()}, which every check calls; a script that
 * never changes needs neither.
 */
record CheckScriptSource(String text, String sha1) implements RedisScript<List<String>> {

    private static final String LOCATION = "scripts/check-code.lua";

    static CheckScriptSource load() {
        try {
            String text = StreamUtils.copyToString(new ClassPathResource(LOCATION).getInputStream(), StandardCharsets.UTF_8);
            return new CheckScriptSource(text, DigestUtils.sha1DigestAsHex(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // Lua tables come back as a List; the script returns only strings
    public Class<List<String>> getResultType() {
        return (Class) List.class;
    }

    @Override
    public String getScriptAsString() {
        return text;
    }
}
