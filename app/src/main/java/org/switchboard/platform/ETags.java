package org.switchboard.platform;

/**
 * Optimistic concurrency over HTTP: a record's version travels as a strong {@code ETag} and comes
 * back in {@code If-Match}; a stale one is a 412 ({@link StaleVersionException}).
 */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for, or {@code null} when the header is absent or
     * {@code *} (an unconditional update).
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("If-Match", "is not an ETag returned by this API");
        }
    }

    /** Throws a 412 when the caller expected another version than the current one. */
    public static void check(Long expected, long current, String what, Object id) {
        if (expected != null && expected != current) {
            throw new StaleVersionException(what, id, current);
        }
    }
}
