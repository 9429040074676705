package org.switchboard.channel.email;

import org.jspecify.annotations.Nullable;

/**
 * The SPF, DKIM and DMARC verdicts the receiving server wrote into Authentication-Results (RFC 8601);
 * each is the lower-case result word ({@code pass}, {@code fail}, {@code softfail}, {@code none} …) or
 * null when the header does not say.
 */
public record AuthenticationResults(
        @Nullable String spf,
        @Nullable String dkim,
        @Nullable String dmarc) {

    public static final AuthenticationResults NONE = new AuthenticationResults(null, null, null);

    /** DMARC failed, or (without a DMARC verdict) both SPF and DKIM failed. */
    public boolean failing() {
        if (dmarc != null) {
            return "fail".equals(dmarc);
        }
        return isFail(spf) && isFail(dkim);
    }

    private static boolean isFail(@Nullable String result) {
        return "fail".equals(result) || "softfail".equals(result) || "permerror".equals(result);
    }
}
