package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The least a dispatch can be on the gateway's stack, for comparison: Spring MVC on virtual threads, the request's
 * JSON read, one {@code acks=all} Kafka send waited for; with {@code --bare.redis=set} one Lua script before it (a
 * {@code SET} with a TTL), with {@code --bare.redis=create} the gateway's create script (caps off). No validation,
 * authentication, metrics, tracing or event relay. Run from the project's folder beside
 * {@code ./run-local}, on the gateway's class path without its observability jars (bench/README.md, "The bare
 * stack"), and load it with {@code bench/dispatch.lua} like the gateway.
 */
@SpringBootApplication
@RestController
public class BareStack {

    private static final RedisScript<Long> SET = RedisScript.of("redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1", Long.class);

    /**
     * The gateway's own create script, read from its source tree after the library it calls, as the gateway loads it:
     * {@code --bare.redis=create}.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CREATE = RedisScript.of(gatewayScript("idempotency-keys.lua") + "\n"
            + gatewayScript("create-verification.lua"), List.class);

    private final KafkaTemplate<String, String> kafka;
    private final StringRedisTemplate redis;
    private final String script;

    /** @param script "none", "set" (one SET with a TTL) or "create" (the gateway's create script, no caps) */
    BareStack(KafkaTemplate<String, String> kafka, StringRedisTemplate redis, @Value("${bare.redis:none}") String script) {
        this.kafka = kafka;
        this.redis = redis;
        this.script = script;
    }

    @PostMapping("/v1/verifications")
    ResponseEntity<Map<String, String>> dispatch(@RequestBody Map<String, Object> body) throws Exception {
        String phone = String.valueOf(body.get("phoneNumber"));
        String id = UUID.randomUUID().toString();
        switch (script) {
            case "set" -> redis.execute(SET, List.of("bare:v:" + id), phone, "600000");
            case "create" -> {
                long now = System.currentTimeMillis();
                redis.execute(CREATE, List.of("{bare}:v:" + id, "{bare}:latest:app:" + phone, "{bare}:calls:" + phone,
                        "{bare}:spend:app", "{bare}:spend:US", "{bare}:expiries"), id, "app", phone, "", Long.toString(now),
                        Long.toString(now + 600_000), "660000", "{bare}:v:", "US", "", "60000", "0", "0", "0",
                        Long.toString(now + 86_400_000), "0", Long.toString(now + 3_600_000), "");
            }
            default -> { }
        }
        kafka.send("bare.requests", phone, "{\"id\":\"" + id + "\",\"phoneNumber\":\"" + phone + "\"}").get(5, TimeUnit.SECONDS);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "pending"));
    }

    /** As many partitions as the gateway's topic, so both batch alike. */
    @Bean
    NewTopic bareRequests() {
        return new NewTopic("bare.requests", 6, (short) 1);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareStack.class, args);
    }

    private static String gatewayScript(String name) {
        try {
            return Files.readString(Path.of("api-gateway/src/main/resources/scripts", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
