package org.switchboard.channel.email;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One node of a message's MIME tree, as parsed.
 *
 * @param path the position in the tree: {@code ""} for the message itself, {@code "1"}, {@code "1.2"} …
 *     (1-based, like IMAP part numbers); a message/rfc822 part's inner message has the same path
 * @param contentType lower-case {@code type/subtype} ({@code text/plain} when absent or unreadable)
 * @param charset the declared charset, as written; null when none
 * @param transferEncoding lower-case Content-Transfer-Encoding; null when absent
 * @param disposition {@code inline}, {@code attachment} or null
 * @param filename the decoded file name (RFC 2231 / RFC 2047) or null
 * @param contentId the Content-ID without angle brackets, or null
 * @param decodedSize the size of the decoded body in bytes (0 for a multipart)
 * @param children the sub-parts of a multipart, or the inner message of a message/rfc822 part
 * @param from for a message (the top one or an attached one): its first From address, else null
 */
public record EmailPart(
        String path,
        String contentType,
        @Nullable String charset,
        @Nullable String transferEncoding,
        @Nullable String disposition,
        @Nullable String filename,
        @Nullable String contentId,
        long decodedSize,
        List<EmailPart> children,
        @Nullable EmailAddress from) {

    public EmailPart {
        children = List.copyOf(children);
    }

    public boolean isMultipart() {
        return contentType.startsWith("multipart/");
    }
}
