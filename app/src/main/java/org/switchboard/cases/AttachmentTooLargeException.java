package org.switchboard.cases;

/** An attachment larger than {@code switchboard.api.max-attachment-bytes}: HTTP 413. */
public class AttachmentTooLargeException extends RuntimeException {
    public AttachmentTooLargeException(long maxBytes) {
        super("The attachment is larger than " + maxBytes + " bytes");
    }
}
