package org.switchboard.cases.internal;

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
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.switchboard.cases.AttachmentTooLargeException;
import org.switchboard.platform.SwitchboardProperties;

/**
 * Content-addressed attachment files: {@code <data-dir>/attachments/<first two hex of sha256>/<sha256>}.
 * Equal contents are stored once; a file is written to a temporary name and moved into place, so a
 * reader never sees half a file. Files are never changed once in place.
 */
@Component
class AttachmentStorage {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final long maxBytes;

    AttachmentStorage(SwitchboardProperties properties) {
        this.root = properties.dataDir().resolve("attachments").toAbsolutePath().normalize();
        this.maxBytes = properties.api().maxAttachmentBytes();
    }

    record Stored(String sha256, long size, String contentType) {}

    /** Stores the content, refusing more than the size limit (nothing is kept then). */
    Stored store(InputStream content) {
        try {
            Path temp = Files.createTempFile(directory(root), "upload-", ".part");
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] head = new byte[ContentSniffer.HEAD_BYTES];
                int headLength = 0;
                long size = 0;
                try (OutputStream out = Files.newOutputStream(temp)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = content.read(buffer)) != -1) {
                        size += n;
                        if (size > maxBytes) {
                            throw new AttachmentTooLargeException(maxBytes);
                        }
                        if (headLength < head.length) {
                            int copy = Math.min(n, head.length - headLength);
                            System.arraycopy(buffer, 0, head, headLength, copy);
                            headLength += copy;
                        }
                        digest.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
                String sha256 = HexFormat.of().formatHex(digest.digest());
                Path target = pathOf(sha256);
                if (!Files.exists(target)) {
                    moveIntoPlace(temp, target);
                }
                return new Stored(sha256, size, ContentSniffer.sniff(head, headLength));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores content already in memory (a channel message's file): hashed first, so content stored before
     * is not written again.
     */
    Stored store(byte[] content) {
        if (content.length > maxBytes) {
            throw new AttachmentTooLargeException(maxBytes);
        }
        String sha256;
        try {
            sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String contentType = ContentSniffer.sniff(content, Math.min(content.length, ContentSniffer.HEAD_BYTES));
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            return new Stored(sha256, content.length, contentType);
        }
        try {
            Path temp = Files.createTempFile(directory(root), "upload-", ".part");
            try {
                Files.write(temp, content);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stored(sha256, content.length, contentType);
    }

    /** Moves a complete temporary file to its content's name; a file already there is identical. */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        directory(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another store of the same content won the race; its file is identical
        }
    }

    /** The directory, created when missing (checked first: creating an existing one costs an exception). */
    private static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        return dir;
    }

    InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    Path pathOf(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 digest");
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
