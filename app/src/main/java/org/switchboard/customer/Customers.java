package org.switchboard.customer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;
import org.switchboard.platform.Page;

/**
 * The customer directory as other modules use it.
 *
 * <p>Merged customers: once a customer was merged into another (the survivor), its id keeps resolving
 * to the survivor everywhere here: {@link #find}, {@link #profile} and the writes act on the survivor,
 * and the returned records carry the survivor's id.
 *
 * <p>Errors: an unknown id is a {@link org.switchboard.platform.NotFoundException}, an invalid field an
 * {@link org.switchboard.platform.InvalidInputException} naming it, an identity owned by another
 * customer a {@link org.switchboard.platform.ConflictException}, a stale expected version a {@link
 * org.switchboard.platform.StaleVersionException}.
 */
public interface Customers {

    /**
     * The customer who owns this identity, created (with the identity) when there is none. Safe under
     * concurrency: two callers with the same new identity get the same customer. A new customer found
     * by email joins the organization whose email domain matches, if any.
     *
     * @param nameHint a display name for a new customer (e.g. the email's display name), may be null
     */
    CustomerId identifyOrCreate(ChannelIdentity identity, @Nullable String nameHint);

    /** The customer who owns this identity, if any. */
    Optional<CustomerId> identify(ChannelIdentity identity);

    Optional<CustomerSummary> find(CustomerId id);

    /** Summaries keyed by the ids asked for (a merged id maps to its survivor's summary). */
    Map<CustomerId, CustomerSummary> findAll(Collection<CustomerId> ids);

    /** All fields, identities and organization of a customer; not audited (see {@link #view}). */
    CustomerProfile profile(CustomerId id);

    /** The profile as shown to a person: records {@code customer.viewed} in the audit log. */
    CustomerProfile view(CustomerId id, Actor viewer);

    /**
     * Customers matching the filters, ordered by name, keyset-paged.
     *
     * @param limit 1 to 500
     * @param cursor the {@code nextCursor} of the previous page, or null for the first
     */
    Page<CustomerSummary> search(CustomerSearch search, int limit, @Nullable String cursor);

    /** Creates a customer with these identities (each must be free, else a conflict). */
    CustomerProfile create(CustomerDetails details, List<ChannelIdentity> identities);

    /**
     * Replaces the editable fields.
     *
     * @param expectedVersion the version the caller saw, or null for an unconditional update
     */
    CustomerProfile update(CustomerId id, CustomerDetails details, @Nullable Long expectedVersion);

    /** Attaches an identity; attaching one the customer already has changes nothing. */
    CustomerProfile addIdentity(CustomerId id, ChannelIdentity identity, @Nullable Long expectedVersion);

    /** Detaches one of the customer's identities (by {@link CustomerIdentity#id()}). */
    CustomerProfile removeIdentity(CustomerId id, UUID identityId, @Nullable Long expectedVersion);

    /**
     * Folds {@code merged} into {@code survivor}: identities move, fields the survivor lacks are filled
     * in, tags are united, the higher tier is kept. Publishes {@link CustomersMerged} and records
     * {@code customer.merged} in the audit log.
     *
     * @return the survivor's profile
     */
    CustomerProfile merge(CustomerId survivor, CustomerId merged, @Nullable Long expectedVersion, Actor actor);

    /** The configured tiers and their numeric values, lowest first. */
    Map<String, Integer> tiers();
}
