package org.switchboard.customer;

/**
 * What other modules may know of a customer.
 *
 * @param tier e.g. {@code standard}, {@code gold}, {@code platinum}
 * @param tierValue the tier's numeric weight, added to a work item's priority
 */
public record CustomerSummary(
        CustomerId id,
        String name,
        String email,
        String organization,
        String tier,
        int tierValue,
        String preferredLanguage,
        String timeZone) {}
