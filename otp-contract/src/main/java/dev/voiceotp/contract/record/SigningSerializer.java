package dev.voiceotp.contract.record;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serializes with a delegate, then signs exactly the bytes it produced ({@link RecordSignature#HEADER}) when the
 * record goes to the signed topic: the gateway's value serializer (its lifecycle events, on another topic, go
 * unsigned), and the recipe for a producer app that publishes to {@code otp.requests.v1} itself.
 */
public final class SigningSerializer<T> implements Serializer<T> {

    private final Serializer<T> delegate;
    private final RecordSignature signature;
    private final String signedTopic;

    public SigningSerializer(Serializer<T> delegate, RecordSignature signature, String signedTopic) {
        this.delegate = delegate;
        this.signature = signature;
        this.signedTopic = signedTopic;
    }

    @Override
    public byte[] serialize(String topic, @Nullable T data) {
        if (signedTopic.equals(topic)) {
            throw new UnsupportedOperationException("a signed record needs its headers: use serialize(topic, headers, data)");
        }
        return delegate.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, @Nullable T data) {
        byte[] value = delegate.serialize(topic, headers, data);
        if (!signedTopic.equals(topic)) {
            return value;
        }
        headers.remove(RecordSignature.HEADER);
        headers.add(RecordSignature.HEADER, signature.sign(value, headers));
        return value;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
