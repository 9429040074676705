package org.switchboard.customer.web;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerProfile;
import org.switchboard.customer.Organization;

/** A customer as the API shows it. */
record CustomerJson(
        String id,
        String name,
        @Nullable OrganizationJson organization,
        @Nullable String preferredLanguage,
        @Nullable String timeZone,
        String tier,
        int tierValue,
        List<String> tags,
        @Nullable String notes,
        List<IdentityJson> identities,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    record OrganizationJson(
            String id, String name, @Nullable String emailDomain) {
        static @Nullable OrganizationJson of(@Nullable Organization organization) {
            return organization == null
                    ? null
                    : new OrganizationJson(
                            organization.id().toString(), organization.name(), organization.emailDomain());
        }
    }

    /** @param kind {@code email}, {@code phone}, {@code chat_visitor} or {@code portal_account} */
    record IdentityJson(String id, String kind, String value) {}

    static CustomerJson of(CustomerProfile profile) {
        return new CustomerJson(
                profile.id().toString(),
                profile.name(),
                OrganizationJson.of(profile.organization()),
                profile.preferredLanguage(),
                profile.timeZone(),
                profile.tier(),
                profile.tierValue(),
                profile.tags(),
                profile.notes(),
                profile.identities().stream()
                        .map(i -> new IdentityJson(
                                i.id().toString(),
                                i.identity().kind().wireName(),
                                i.identity().value()))
                        .toList(),
                profile.createdAt(),
                profile.updatedAt(),
                profile.version());
    }
}
