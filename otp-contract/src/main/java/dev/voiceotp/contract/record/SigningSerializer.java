package dev.voiceotp.contract.record;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Serializes with a delegate, then signs exactly the bytes it produced ({@link RecordSignature#HEADER}): the
 * gateway's value serializer for {@code otp.requests.v1}, and the recipe for a producer app that publishes itself.
 */
public final class SigningSerializer<T> implements Serializer<T> {

    private final Serializer<T> delegate;
    private final RecordSignature signature;

    public SigningSerializer(Serializer<T> delegate, RecordSignature signature) {
        this.delegate = delegate;
        this.signature = signature;
    }

    @Override
    public byte[] serialize(String topic, @Nullable T data) {
        throw new UnsupportedOperationException("a signed record needs its headers: use serialize(topic, headers, data)");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, @Nullable T data) {
        byte[] value = delegate.serialize(topic, headers, data);
        headers.remove(RecordSignature.HEADER);
        headers.add(RecordSignature.HEADER, signature.sign(value));
        return value;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
