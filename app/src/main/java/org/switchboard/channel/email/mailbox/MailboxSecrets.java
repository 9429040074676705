package org.switchboard.channel.email.mailbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.platform.SwitchboardProperties;

/**
 * Encrypts mailbox passwords and tokens at rest with AES-GCM (random 96-bit IV per value, 128-bit tag,
 * stored as {@code iv || ciphertext}). The key comes from {@code switchboard.email.secret-key}; without
 * one, a random 256-bit key is generated on the first start and kept in {@code <data-dir>/email-secret.key}
 * (owner-only), so an embedded first run works and a restart can still read what it stored.
 */
@Component
public class MailboxSecrets {

    private static final Logger log = LoggerFactory.getLogger(MailboxSecrets.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    MailboxSecrets(EmailChannelProperties properties, SwitchboardProperties switchboard) {
        this.key = new SecretKeySpec(keyBytes(properties.secretKey(), switchboard.dataDir()), "AES");
    }

    public byte[] encrypt(String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException the value was sealed with another key (the key was changed) */
    public String decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A mailbox secret cannot be decrypted: switchboard.email.secret-key differs from the key it was"
                            + " stored with",
                    e);
        }
    }

    static byte[] keyBytes(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("switchboard.email.secret-key must be base64 of 16, 24 or 32 bytes");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalStateException("switchboard.email.secret-key must be base64 of 16, 24 or 32 bytes");
            }
            return key;
        }
        Path file = dataDir.resolve("email-secret.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, "email-secret", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data directory's own protection applies
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
            }
            log.info("Generated the mailbox credential key {} (set SWITCHBOARD_EMAIL_SECRET_KEY in production)", file);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create " + file + "; set SWITCHBOARD_EMAIL_SECRET_KEY", e);
        }
    }
}
