package org.switchboard.cases;

import org.jspecify.annotations.Nullable;

/**
 * A file that arrived with a customer's message on a channel (an email attachment). Stored like an
 * upload: once per SHA-256, its type sniffed from the bytes.
 *
 * @param contentId the channel's id of an inline part (an email's Content-ID), or null
 */
public record InboundFile(
        String filename, byte[] content, @Nullable String contentId) {}
