package org.switchboard.channel.email;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox address as it appeared in a header.
 *
 * @param address the addr-spec, lower-cased ({@code ana@example.com}); compare addresses by this
 * @param displayName the decoded display name, if any
 */
public record EmailAddress(String address, @Nullable String displayName) {

    public EmailAddress {
        address = address.trim().toLowerCase(Locale.ROOT);
        displayName = displayName == null || displayName.isBlank() ? null : displayName.trim();
    }

    public static EmailAddress of(String address) {
        return new EmailAddress(address, null);
    }

    /** The part after {@code @}; empty when the address has none. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
