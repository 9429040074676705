package org.switchboard.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets for links and API tokens. A secret is 32 random bytes, base64url without padding;
 * only its SHA-256 hash is stored, so a database dump reveals no usable secret. Hashing is fast on
 * purpose: the secrets are random and long, unlike passwords.
 */
public final class SecretTokens {

    /** API tokens start with this so they are recognisable (e.g. by secret scanners). */
    public static final String API_TOKEN_PREFIX = "sb_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** 32 random bytes, base64url-encoded (43 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newApiToken() {
        return API_TOKEN_PREFIX + newSecret();
    }

    /** Whether a value has the shape of an API token (prefix and 43 base64url characters). */
    public static boolean looksLikeApiToken(String value) {
        return value != null
                && value.length() == API_TOKEN_PREFIX.length() + 43
                && value.startsWith(API_TOKEN_PREFIX)
                && value.substring(API_TOKEN_PREFIX.length()).matches("[A-Za-z0-9_-]{43}");
    }

    /** The SHA-256 of the value's UTF-8 bytes, lower-case hex (what is stored). */
    public static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
