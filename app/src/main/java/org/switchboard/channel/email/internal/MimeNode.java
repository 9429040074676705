package org.switchboard.channel.email.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailPart;

/**
 * One entity of the MIME tree while it is parsed: a message (the top one, or the inner message of a
 * message/rfc822 part) or a body part. Leaves keep their decoded bytes.
 */
final class MimeNode {

    final boolean message;
    final int depth;
    String path = "";
    final List<String[]> fields = new ArrayList<>();
    String contentType = "text/plain";

    @Nullable
    String charset;

    @Nullable
    String transferEncoding;

    @Nullable
    String disposition;

    @Nullable
    String filename;

    @Nullable
    String contentId;

    @Nullable
    String boundary;

    boolean multipart;
    /** Some children were skipped by a limit (their absence is not a defect of the message). */
    boolean childrenSkipped;

    byte @Nullable [] body;
    final List<MimeNode> children = new ArrayList<>();

    MimeNode(boolean message, int depth) {
        this.message = message;
        this.depth = depth;
    }

    @Nullable
    String field(String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return f[1];
            }
        }
        return null;
    }

    boolean isLeaf() {
        return children.isEmpty() && !multipart;
    }

    boolean isText() {
        return contentType.startsWith("text/");
    }

    boolean isAttachmentDisposition() {
        return "attachment".equals(disposition);
    }

    String typeOnly() {
        return contentType.toLowerCase(Locale.ROOT);
    }

    EmailPart toPart() {
        List<EmailPart> parts = new ArrayList<>(children.size());
        for (MimeNode child : children) {
            parts.add(child.toPart());
        }
        return new EmailPart(
                path,
                contentType,
                charset,
                transferEncoding,
                disposition,
                filename,
                contentId,
                body == null ? 0 : body.length,
                parts,
                message ? first(MimeEmailParser.addresses(this, "From")) : null);
    }

    private static @Nullable EmailAddress first(List<EmailAddress> list) {
        return list.isEmpty() ? null : list.getFirst();
    }

    /** Every leaf in document order. */
    void leaves(List<MimeNode> into) {
        if (isLeaf()) {
            into.add(this);
            return;
        }
        for (MimeNode child : children) {
            child.leaves(into);
        }
    }
}
