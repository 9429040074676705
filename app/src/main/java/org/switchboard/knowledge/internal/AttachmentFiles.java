package org.switchboard.knowledge.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;
import org.switchboard.platform.SwitchboardProperties;

/**
 * Article attachment files, content-addressed like the case attachments but in the knowledge module's
 * own folder: {@code <data-dir>/knowledge/attachments/<first two hex>/<sha256>}. A file is written to a
 * temporary name and moved into place, so a reader never sees half a file; equal contents are stored once.
 * The type is detected from the bytes (and the name), never taken from the client.
 */
@Component
public class AttachmentFiles {

    /** Thrown when an upload is over the limit; nothing is kept then. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(long max) {
            super("The file is larger than " + max + " bytes");
        }
    }

    record Stored(String sha256, long size, String contentType) {}

    private static final Tika TYPES = new Tika();
    private final Path root;

    AttachmentFiles(SwitchboardProperties properties) {
        this.root = properties
                .dataDir()
                .resolve("knowledge")
                .resolve("attachments")
                .toAbsolutePath()
                .normalize();
    }

    Stored store(InputStream content, String filename, long maxBytes) {
        try {
            Files.createDirectories(root);
            Path temp = Files.createTempFile(root, "upload-", ".part");
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long size = 0;
                try (OutputStream out = Files.newOutputStream(temp)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = content.read(buffer)) != -1) {
                        size += n;
                        if (size > maxBytes) {
                            throw new TooLarge(maxBytes);
                        }
                        digest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                String type;
                try (InputStream in = new BufferedInputStream(Files.newInputStream(temp))) {
                    type = TYPES.detect(in, filename);
                }
                String sha256 = HexFormat.of().formatHex(digest.digest());
                Path target = pathOf(sha256);
                Files.createDirectories(target.getParent());
                if (!Files.exists(target)) {
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                        // another upload of the same content won the race; its file is identical
                    }
                }
                return new Stored(sha256, size, type);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    private Path pathOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 digest");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
