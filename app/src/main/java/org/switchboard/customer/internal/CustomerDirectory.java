package org.switchboard.customer.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerProfile;
import org.switchboard.customer.CustomerSearch;
import org.switchboard.customer.CustomerSummary;
import org.switchboard.customer.Customers;
import org.switchboard.customer.CustomersMerged;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;
import org.switchboard.platform.RuleViolationException;

/** The customer directory: {@link Customers} over the customer tables. */
@Service
public class CustomerDirectory implements Customers {

    private static final String WHAT = "customer";

    private final CustomerRepository repository;
    private final CustomerRules rules;
    private final CustomerProperties properties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerDirectory(
            CustomerRepository repository,
            CustomerProperties properties,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.rules = new CustomerRules(properties);
        this.properties = properties;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public CustomerId identifyOrCreate(ChannelIdentity identity, @Nullable String nameHint) {
        Optional<UUID> owner = repository.ownerOf(identity);
        if (owner.isPresent()) {
            return new CustomerId(owner.get());
        }
        // Claim the identity first (the foreign key is deferred): of two concurrent callers one inserts,
        // the other waits on the unique key, finds the row committed and returns its owner.
        UUID id = Ids.newId(clock);
        if (!repository.claimIdentity(Ids.newId(clock), id, identity, clock.instant())) {
            return new CustomerId(repository.ownerOf(identity).orElseThrow());
        }
        String name = CustomerRules.trimToNull(nameHint);
        if (name == null) {
            name = identity.value();
        }
        if (name.length() > CustomerRules.MAX_NAME) {
            name = name.substring(0, CustomerRules.MAX_NAME);
        }
        UUID organization = identity.emailDomain() == null
                ? null
                : repository.organizationByDomain(identity.emailDomain()).orElse(null);
        var details =
                new CustomerDetails(name, null, null, null, null, CustomerProperties.DEFAULT_TIER, List.of(), null);
        repository.insert(id, details, organization, clock.instant());
        return new CustomerId(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerId> identify(ChannelIdentity identity) {
        return repository.ownerOf(identity).map(CustomerId::new);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerSummary> find(CustomerId id) {
        return repository
                .row(id.value())
                .flatMap(row -> repository.profile(row.effective()))
                .map(CustomerProfile::summary);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<CustomerId, CustomerSummary> findAll(Collection<CustomerId> ids) {
        // Three statements whatever the number of ids: rows, profiles, identities.
        Map<CustomerId, UUID> effective = new LinkedHashMap<>();
        for (CustomerRepository.Row row :
                repository.rows(ids.stream().map(CustomerId::value).collect(Collectors.toSet()))) {
            effective.put(new CustomerId(row.id()), row.effective());
        }
        Map<UUID, CustomerSummary> summaries = repository.profiles(new TreeSet<>(effective.values())).stream()
                .collect(Collectors.toMap(p -> p.id().value(), CustomerProfile::summary));
        Map<CustomerId, CustomerSummary> result = new HashMap<>();
        effective.forEach((asked, survivor) -> {
            CustomerSummary summary = summaries.get(survivor);
            if (summary != null) {
                result.put(asked, summary);
            }
        });
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public CustomerProfile profile(CustomerId id) {
        return repository.profile(effective(id)).orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    @Override
    @Transactional
    public CustomerProfile view(CustomerId id, Actor viewer) {
        CustomerProfile profile = profile(id);
        Map<String, Object> details = profile.id().equals(id) ? Map.of() : Map.of("requestedId", id.toString());
        audit.record(viewer, "customer.viewed", WHAT, profile.id().toString(), details);
        return profile;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<CustomerSummary> search(CustomerSearch search, int limit, @Nullable String cursor) {
        return searchProfiles(search, limit, cursor).map(CustomerProfile::summary);
    }

    /** {@link #search} with whole profiles, for the API's list. */
    @Transactional(readOnly = true)
    public Page<CustomerProfile> searchProfiles(CustomerSearch search, int limit, @Nullable String cursor) {
        int size = Cursor.limit(limit);
        String afterName = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String position = Cursor.decode(cursor);
            int split = position.lastIndexOf('\n');
            try {
                afterName = position.substring(0, split);
                afterId = UUID.fromString(position.substring(split + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
        }
        var normalized = new CustomerSearch(
                CustomerRules.trimToNull(search.text()),
                normalizedEmail(search.email()),
                lower(search.tier()),
                lower(search.tag()));
        List<CustomerRepository.Ranked> rows = repository.search(normalized, size + 1, afterName, afterId);
        return Page.fromOverfetch(
                        rows, size, r -> r.sortName() + "\n" + r.profile().id())
                .map(CustomerRepository.Ranked::profile);
    }

    @Override
    @Transactional
    public CustomerProfile create(CustomerDetails details, List<ChannelIdentity> identities) {
        CustomerDetails valid = rules.normalize(details);
        UUID id = Ids.newId(clock);
        UUID organization = organization(valid);
        repository.insert(id, valid, organization, clock.instant());
        for (ChannelIdentity identity : new LinkedHashSet<>(identities)) {
            claim(id, identity);
        }
        return repository.profile(id).orElseThrow();
    }

    @Override
    @Transactional
    public CustomerProfile update(CustomerId id, CustomerDetails details, @Nullable Long expectedVersion) {
        CustomerDetails valid = rules.normalize(details);
        UUID target = lockForChange(id, expectedVersion);
        repository.update(target, valid, organization(valid), clock.instant());
        return repository.profile(target).orElseThrow();
    }

    @Override
    @Transactional
    public CustomerProfile addIdentity(CustomerId id, ChannelIdentity identity, @Nullable Long expectedVersion) {
        UUID target = lockForChange(id, expectedVersion);
        if (claim(target, identity)) {
            repository.touch(target, clock.instant());
        }
        return repository.profile(target).orElseThrow();
    }

    @Override
    @Transactional
    public CustomerProfile removeIdentity(CustomerId id, UUID identityId, @Nullable Long expectedVersion) {
        UUID target = lockForChange(id, expectedVersion);
        if (repository.removeIdentity(target, identityId) == 0) {
            throw new NotFoundException("identity", identityId);
        }
        repository.touch(target, clock.instant());
        return repository.profile(target).orElseThrow();
    }

    @Override
    @Transactional
    public CustomerProfile merge(CustomerId survivor, CustomerId merged, @Nullable Long expectedVersion, Actor actor) {
        UUID survivorId = effective(survivor);
        var mergedRow = repository.row(merged.value()).orElseThrow(() -> new NotFoundException(WHAT, merged));
        if (mergedRow.mergedInto() != null) {
            throw new ConflictException(
                    "The customer " + merged + " was already merged into " + mergedRow.mergedInto());
        }
        if (mergedRow.id().equals(survivorId)) {
            throw new RuleViolationException("A customer cannot be merged into itself");
        }
        // Lock both rows in id order so two opposite merges cannot deadlock.
        UUID first = survivorId.compareTo(mergedRow.id()) < 0 ? survivorId : mergedRow.id();
        UUID second = first.equals(survivorId) ? mergedRow.id() : survivorId;
        var firstRow = repository.lock(first).orElseThrow();
        var secondRow = repository.lock(second).orElseThrow();
        var survivorRow = first.equals(survivorId) ? firstRow : secondRow;
        var lockedMerged = first.equals(survivorId) ? secondRow : firstRow;
        if (survivorRow.mergedInto() != null || lockedMerged.mergedInto() != null) {
            throw new ConflictException("One of the customers was merged meanwhile; try again");
        }
        ETags.check(expectedVersion, survivorRow.version(), WHAT, survivor);

        CustomerProfile keep = repository.profile(survivorId).orElseThrow();
        CustomerProfile fold = repository.profile(mergedRow.id()).orElseThrow();
        var tags = new TreeSet<>(keep.tags());
        tags.addAll(fold.tags());
        var organization = keep.organization() != null ? keep.organization() : fold.organization();
        var details = new CustomerDetails(
                keep.name(),
                organization == null ? null : organization.name(),
                null,
                firstNonNull(keep.preferredLanguage(), fold.preferredLanguage()),
                firstNonNull(keep.timeZone(), fold.timeZone()),
                properties.higher(keep.tier(), fold.tier()),
                List.copyOf(tags),
                firstNonNull(keep.notes(), fold.notes()));
        var now = clock.instant();
        repository.update(survivorId, details, organization == null ? null : organization.id(), now);
        repository.moveIdentities(mergedRow.id(), survivorId);
        repository.markMerged(mergedRow.id(), survivorId, now);

        var survivorCustomer = new CustomerId(survivorId);
        events.publishEvent(new CustomersMerged(survivorCustomer, new CustomerId(mergedRow.id())));
        audit.record(
                actor,
                "customer.merged",
                WHAT,
                survivorId.toString(),
                Map.of(
                        "merged",
                        mergedRow.id().toString(),
                        "identitiesMoved",
                        fold.identities().size()));
        return repository.profile(survivorId).orElseThrow();
    }

    @Override
    public Map<String, Integer> tiers() {
        return properties.tiers();
    }

    /** The id a request acts on: the customer itself or, when merged, its survivor. */
    private UUID effective(CustomerId id) {
        return repository
                .row(id.value())
                .map(CustomerRepository.Row::effective)
                .orElseThrow(() -> new NotFoundException(WHAT, id));
    }

    private UUID lockForChange(CustomerId id, @Nullable Long expectedVersion) {
        UUID target = effective(id);
        var row = repository.lock(target).orElseThrow(() -> new NotFoundException(WHAT, id));
        if (row.mergedInto() != null) {
            throw new ConflictException("The customer " + id + " was merged meanwhile; try again");
        }
        ETags.check(expectedVersion, row.version(), WHAT, id);
        return target;
    }

    /** Attaches an identity; true when it was new, false when the customer had it, 409 when another has it. */
    private boolean claim(UUID customerId, ChannelIdentity identity) {
        if (repository.claimIdentity(Ids.newId(clock), customerId, identity, clock.instant())) {
            return true;
        }
        UUID owner = repository.ownerOf(identity).orElseThrow();
        if (!owner.equals(customerId)) {
            throw new ConflictException("The " + identity.kind().wireName() + " " + identity.value()
                    + " belongs to another customer (" + owner + ")");
        }
        return false;
    }

    private @Nullable UUID organization(CustomerDetails details) {
        if (details.organization() == null) {
            return null;
        }
        String domain = details.organizationEmailDomain();
        if (domain != null && repository.domainTakenByOther(domain, details.organization())) {
            throw new ConflictException("The email domain " + domain + " belongs to another organization");
        }
        return repository.organization(details.organization(), domain, Ids.newId(clock), clock.instant());
    }

    private static @Nullable String normalizedEmail(@Nullable String email) {
        String value = CustomerRules.trimToNull(email);
        if (value == null) {
            return null;
        }
        try {
            return ChannelIdentity.email(value).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("email", e.getMessage());
        }
    }

    private static @Nullable String lower(@Nullable String value) {
        String trimmed = CustomerRules.trimToNull(value);
        return trimmed == null ? null : trimmed.toLowerCase(java.util.Locale.ROOT);
    }

    private static <T> @Nullable T firstNonNull(@Nullable T a, @Nullable T b) {
        return a != null ? a : b;
    }
}
