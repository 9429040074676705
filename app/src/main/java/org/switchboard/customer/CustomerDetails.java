package org.switchboard.customer;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The editable fields of a customer, as given to {@link Customers#create} and {@link Customers#update}
 * (an update replaces all of them). Values are validated by the directory: a bad one is an {@link
 * org.switchboard.platform.InvalidInputException} naming the field.
 *
 * @param organization an organization name; created when none of that name exists; {@code null} for none
 * @param organizationEmailDomain sets the organization's email domain when given
 * @param preferredLanguage an ISO 639-1 code such as {@code fr}
 * @param timeZone an IANA time zone such as {@code Europe/Paris}
 * @param tier a configured tier name; {@code null} means {@code standard}
 */
public record CustomerDetails(
        String name,
        @Nullable String organization,
        @Nullable String organizationEmailDomain,
        @Nullable String preferredLanguage,
        @Nullable String timeZone,
        @Nullable String tier,
        List<String> tags,
        @Nullable String notes) {

    /** Details of a profile, to be changed and passed back to {@link Customers#update}. */
    public static CustomerDetails of(CustomerProfile profile) {
        return new CustomerDetails(
                profile.name(),
                profile.organization() == null ? null : profile.organization().name(),
                null,
                profile.preferredLanguage(),
                profile.timeZone(),
                profile.tier(),
                profile.tags(),
                profile.notes());
    }
}
