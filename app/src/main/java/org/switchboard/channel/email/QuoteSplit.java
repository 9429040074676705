package org.switchboard.channel.email;

/**
 * A message body split for display: what the sender wrote now, and what they quoted or signed. The full
 * original is {@code visible + quoted}; the desk shows {@code visible} with the rest one click away.
 *
 * @param visible the new content (never empty when the body was not: a body that is all quote stays
 *     visible)
 * @param quoted the quoted reply, signature and anything after them ({@code ""} when none)
 */
public record QuoteSplit(String visible, String quoted) {

    public boolean hasQuoted() {
        return !quoted.isBlank();
    }
}
