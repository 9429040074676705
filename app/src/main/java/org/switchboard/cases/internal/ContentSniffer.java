package org.switchboard.cases.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The content type of an upload decided from its first bytes (magic numbers), never from what the
 * client claims: PDF, PNG, JPEG, GIF, ZIP (and DOCX, XLSX, PPTX inside it), UTF-8 text; anything else
 * is {@code application/octet-stream}.
 */
final class ContentSniffer {

    static final int HEAD_BYTES = 8192;
    static final String OCTET_STREAM = "application/octet-stream";

    private ContentSniffer() {}

    /** @param head the first bytes of the content (up to {@link #HEAD_BYTES}) */
    static String sniff(byte[] head, int length) {
        if (length == 0) {
            return OCTET_STREAM;
        }
        if (startsWith(head, length, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return "application/pdf";
        }
        if (startsWith(head, length, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return "image/png";
        }
        if (startsWith(head, length, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (startsWith(head, length, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                || startsWith(head, length, "GIF89a".getBytes(StandardCharsets.US_ASCII))) {
            return "image/gif";
        }
        if (startsWith(head, length, new byte[] {'P', 'K', 0x03, 0x04})) {
            String names = new String(head, 0, length, StandardCharsets.ISO_8859_1);
            if (names.contains("[Content_Types].xml") || names.contains("word/")) {
                if (names.contains("word/")) {
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                }
                if (names.contains("xl/")) {
                    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                }
                if (names.contains("ppt/")) {
                    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
                }
            }
            return "application/zip";
        }
        if (isText(head, length)) {
            return "text/plain; charset=utf-8";
        }
        return OCTET_STREAM;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without NUL or other control bytes than tab, newline, carriage return and form feed. */
    private static boolean isText(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                return false;
            }
        }
        // The head may cut a multi-byte character at its end: ignore up to 3 trailing bytes.
        for (int cut = 0; cut <= Math.min(3, length - 1); cut++) {
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(head, 0, length - cut));
                return true;
            } catch (CharacterCodingException e) {
                if (length < HEAD_BYTES) {
                    return false;
                }
            }
        }
        return false;
    }
}
