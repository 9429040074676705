package org.switchboard.platform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors: the position of the last row returned, base64url-encoded so clients don't
 * build them. Each list decides what the position holds (usually a sort key and an id).
 */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursor() {}

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a client's cursor; a cursor we did not make is a 400 naming {@code cursor}. */
    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by this API");
        }
    }

    /** The page size: default 50, between 1 and 500, otherwise a 400 naming {@code limit}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
