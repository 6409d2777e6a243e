package dev.voiceotp.worker.prompt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the one copy of a code that must be readable: the one the answer webhook speaks. The
 * call token is authenticated data, so a ciphertext moved to another token does not decrypt.
 */
public final class PromptCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Ciphers between uses, at most a few: {@code Cipher.getInstance} looks the provider up on every call, and a
     * cipher used again with the same key keeps its AES key schedule. Each use initializes it anew (a fresh IV for
     * every encryption); one that failed is not kept.
     */
    private static final int IDLE_CIPHERS = 8;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final BlockingQueue<Cipher> idle = new ArrayBlockingQueue<>(IDLE_CIPHERS);

    public PromptCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the prompt encryption key must be 256 bits (32 bytes, Base64-encoded)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static PromptCipher fromBase64(String base64Key) {
        return new PromptCipher(Base64.getDecoder().decode(base64Key.trim()));
    }

    public String encrypt(String code, String callToken) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(callToken.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.US_ASCII));
            idle.offer(cipher);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt the prompt", e);
        }
    }

    public String decrypt(String sealed, String callToken) {
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(callToken.getBytes(StandardCharsets.US_ASCII));
            String code = new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.US_ASCII);
            idle.offer(cipher);
            return code;
        } catch (GeneralSecurityException e) {
            // the message names no input: it must never carry the code or the ciphertext
            throw new IllegalStateException("the prompt copy does not decrypt with the configured key");
        }
    }

    private Cipher cipher() throws GeneralSecurityException {
        Cipher cipher = idle.poll();
        return cipher != null ? cipher : Cipher.getInstance(TRANSFORMATION);
    }
}
