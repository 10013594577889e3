package dev.apiauth.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for values at rest in Redis. A sealed value is Base64 of
 * {@code version(1) | key id(4) | IV(12) | ciphertext+tag}: the key id lets instances still read
 * values sealed under a previous key while the fleet rotates; the associated data binds a value to
 * the account or secret it belongs to, so a ciphertext copied to another key does not open.
 */
final class Encryption {
    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int KEY_ID_BYTES = 4;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] currentKeyId;
    private final SecretKeySpec currentKey;
    private final Map<String, SecretKeySpec> keysById = new LinkedHashMap<>();
    private final SecretKeySpec tokenIdKey;

    /** @param keys the current key first, then keys still accepted for reading; each {@link #KEY_BYTES} long */
    Encryption(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an encryption key is required");
        }
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
            }
            keysById.putIfAbsent(HexFormat.of().formatHex(keyId(key)), new SecretKeySpec(key, "AES"));
        }
        this.currentKeyId = keyId(keys.get(0));
        this.currentKey = new SecretKeySpec(keys.get(0), "AES");
        // A separate key for token ids, so an id is never a hash an attacker can test guesses against.
        this.tokenIdKey = new SecretKeySpec(hmac(new SecretKeySpec(keys.get(0), "HmacSHA256"),
                "apiauth-redis token id"), "HmacSHA256");
    }

    /** Encrypts {@code plaintext} bound to {@code context}. */
    String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, currentKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(1 + KEY_ID_BYTES + IV_BYTES + sealed.length);
            out.put(VERSION).put(currentKeyId).put(iv).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /**
     * Decrypts a value {@link #seal sealed} for {@code context}.
     *
     * @throws UnreadableException sealed under an unknown key, for another context, or altered
     */
    String open(String sealed, String context) throws UnreadableException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("not a sealed value");
        }
        if (bytes.length < 1 + KEY_ID_BYTES + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new UnreadableException("not a sealed value of version " + VERSION);
        }
        String keyId = HexFormat.of().formatHex(bytes, 1, 1 + KEY_ID_BYTES);
        SecretKeySpec key = keysById.get(keyId);
        if (key == null) {
            throw new UnreadableException("sealed under key " + keyId + ", which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1 + KEY_ID_BYTES, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            int offset = 1 + KEY_ID_BYTES + IV_BYTES;
            return new String(cipher.doFinal(bytes, offset, bytes.length - offset), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableException("authentication failed: altered, or sealed for another entry");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java platform", e);
        }
    }

    /** A keyed digest identifying a token value without revealing it (HMAC-SHA-256, hex). */
    String tokenId(String tokenValue) {
        return HexFormat.of().formatHex(hmac(tokenIdKey, tokenValue));
    }

    /** The id of the key new values are sealed with (hex); not secret. */
    String currentKeyId() {
        return HexFormat.of().formatHex(currentKeyId);
    }

    private static byte[] keyId(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("apiauth-redis key id".getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(key);
            byte[] id = new byte[KEY_ID_BYTES];
            System.arraycopy(hash, 0, id, 0, KEY_ID_BYTES);
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Encryption[AES-256-GCM, key " + currentKeyId() + ", " + keysById.size() + " key(s) readable]";
    }

    /** A stored value this instance cannot decrypt; the message names no secret. */
    static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }
}
