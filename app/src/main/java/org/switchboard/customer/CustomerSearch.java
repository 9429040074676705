package org.switchboard.customer;

import org.jspecify.annotations.Nullable;

/**
 * Filters of a customer search; all optional and combined with AND. Merged customers are never listed.
 *
 * @param text a prefix of the name, an email address or the organization's name (case-insensitive)
 * @param email an exact email address
 * @param tier a tier name
 * @param tag a tag the customer carries
 */
public record CustomerSearch(
        @Nullable String text,
        @Nullable String email,
        @Nullable String tier,
        @Nullable String tag) {

    public static CustomerSearch all() {
        return new CustomerSearch(null, null, null, null);
    }
}
