package dev.voiceotp.gateway.ratelimit;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;

/**
 * Turns Lettuce failures from Bucket4j's futures into Spring's {@link DataAccessException}, which the shared
 * problem handling answers with 503 and Retry-After, as for every other Redis failure.
 */
final class RedisFailures {

    private static final LettuceExceptionConverter CONVERTER = new LettuceExceptionConverter();

    private RedisFailures() {
    }

    static DataAccessException translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DataAccessException translated) {
            return translated;
        }
        DataAccessException translated = cause instanceof Exception exception ? CONVERTER.convert(exception) : null;
        return translated != null ? translated : new RedisSystemException("Rate-limit buckets unavailable: " + cause, cause);
    }
}
