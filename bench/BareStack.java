package bench;

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
 * JSON read, one {@code acks=all} Kafka send waited for, and with {@code --bare.redis=true} one Lua script (a
 * {@code SET} with a TTL) before it. No validation, authentication, metrics, tracing or event relay. Run beside
 * {@code ./run-local}, on the gateway's class path without its observability jars (bench/README.md, "The bare
 * stack"), and load it with {@code bench/dispatch.lua} like the gateway.
 */
@SpringBootApplication
@RestController
public class BareStack {

    private static final RedisScript<Long> SET = RedisScript.of("redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1", Long.class);

    private final KafkaTemplate<String, String> kafka;
    private final StringRedisTemplate redis;
    private final boolean withRedis;

    BareStack(KafkaTemplate<String, String> kafka, StringRedisTemplate redis, @Value("${bare.redis:false}") boolean withRedis) {
        this.kafka = kafka;
        this.redis = redis;
        this.withRedis = withRedis;
    }

    @PostMapping("/v1/verifications")
    ResponseEntity<Map<String, String>> dispatch(@RequestBody Map<String, Object> body) throws Exception {
        String phone = String.valueOf(body.get("phoneNumber"));
        String id = UUID.randomUUID().toString();
        if (withRedis) {
            redis.execute(SET, List.of("bare:v:" + id), phone, "600000");
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
}
