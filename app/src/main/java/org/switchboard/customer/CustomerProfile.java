package org.switchboard.customer;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything known of one customer: what a customer page shows.
 *
 * @param tier a configured tier name such as {@code standard}, {@code gold}, {@code platinum}
 * @param tierValue the tier's numeric weight, used for priority
 * @param tags lower-case, sorted
 * @param version the optimistic-concurrency version (the ETag of the API)
 */
public record CustomerProfile(
        CustomerId id,
        String name,
        @Nullable Organization organization,
        @Nullable String preferredLanguage,
        @Nullable String timeZone,
        String tier,
        int tierValue,
        List<String> tags,
        @Nullable String notes,
        List<CustomerIdentity> identities,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** The first email address, if any. */
    public @Nullable String primaryEmail() {
        return identities.stream()
                .map(CustomerIdentity::identity)
                .filter(i -> i.kind() == ChannelIdentity.Kind.EMAIL)
                .map(ChannelIdentity::value)
                .findFirst()
                .orElse(null);
    }

    public CustomerSummary summary() {
        return new CustomerSummary(
                id,
                name,
                primaryEmail(),
                organization == null ? null : organization.name(),
                tier,
                tierValue,
                preferredLanguage,
                timeZone);
    }
}
