package org.switchboard.cases;

import java.io.IOException;
import java.io.InputStream;

/** An attachment with a way to read its bytes (the caller closes the stream). */
public record StoredAttachment(AttachmentView attachment, Content content) {

    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
