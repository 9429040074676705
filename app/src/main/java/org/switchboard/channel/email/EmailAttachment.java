package org.switchboard.channel.email;

import org.jspecify.annotations.Nullable;

/**
 * A decoded leaf part that is not the message's text or HTML body: a file, or an inline image referenced
 * from the HTML by {@code cid:}.
 *
 * @param partPath the part's {@link EmailPart#path()}
 * @param filename the decoded file name; a name is made up ({@code part-1.2.png}) when the part has none
 * @param contentType the declared lower-case content type (cases sniffs the real one from the bytes)
 * @param contentId the Content-ID without angle brackets, or null
 * @param inline whether the HTML references it by {@code cid:} (an inline image), not a download
 * @param content the decoded bytes
 */
public record EmailAttachment(
        String partPath,
        String filename,
        String contentType,
        @Nullable String contentId,
        boolean inline,
        byte[] content) {

    public long size() {
        return content.length;
    }
}
