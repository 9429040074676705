package org.switchboard.routing.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.Users;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;

/**
 * The queues: administration (create, change, list) and cases' {@link QueueDirectory} port. A queue read
 * by id — every work item enqueued names one — is kept in memory until a queue changes; all changes go
 * through this class, which forgets the kept queues when it commits one, so a change is visible at once.
 * Reads by name and lists go to the database.
 */
@Service
public class Queues implements QueueDirectory {

    private static final String WHAT = "queue";

    private final QueueRepository repository;
    private final QueueRules rules;
    private final Clock clock;
    private final Map<UUID, Queue> byId = new ConcurrentHashMap<>();
    /** Counts changes, so a read that raced a change does not keep what it read. */
    private final AtomicLong changes = new AtomicLong();

    Queues(QueueRepository repository, Users users, Clock clock) {
        this.repository = repository;
        this.rules = new QueueRules(users::teamExists, users::skillExists);
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<QueueRef> find(String idOrName) {
        return queue(idOrName).map(Queue::ref);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<QueueRef> find(QueueId id) {
        return repository.refs(List.of(id.value())).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<QueueRef> ownedBy(Set<TeamId> teams) {
        return repository.ownedBy(teams.stream().map(TeamId::value).toList()).stream()
                .map(Queue::ref)
                .toList();
    }

    /** The queues with these ids (unknown ids are left out), in one statement whatever their number. */
    @Override
    @Transactional(readOnly = true)
    public Map<QueueId, QueueRef> byId(Collection<QueueId> ids) {
        Map<QueueId, QueueRef> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        repository.refs(ids.stream().map(QueueId::value).distinct().toList()).forEach(ref -> found.put(ref.id(), ref));
        return found;
    }

    @Override
    @Transactional(readOnly = true)
    public List<QueueRef> all() {
        return repository.all().stream().map(Queue::ref).toList();
    }

    /** Every queue with all its fields, ordered by name. */
    @Transactional(readOnly = true)
    public List<Queue> list() {
        return repository.all();
    }

    /**
     * A queue by id or (case-insensitive) name. Not a transaction of its own: a queue kept in memory needs
     * no connection, and a read that overlaps a change is not kept.
     */
    public Optional<Queue> queue(String idOrName) {
        Optional<Queue> found = asUuid(idOrName).flatMap(this::byId);
        return found.isPresent() ? found : repository.byName(idOrName.strip());
    }

    private Optional<Queue> byId(UUID id) {
        Queue kept = byId.get(id);
        if (kept != null) {
            return Optional.of(kept);
        }
        long seen = changes.get();
        Optional<Queue> read = repository.byId(id);
        // A read-write transaction may see its own uncommitted change: what it reads is not kept.
        boolean writing = TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
        if (read.isPresent() && !writing && changes.get() == seen) {
            byId.put(id, read.get());
            if (changes.get() != seen) { // a change completed meanwhile: what was read may be old
                byId.remove(id);
            }
        }
        return read;
    }

    /** Forgets the kept queues now and again when the changing transaction has committed. */
    private void changing() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    private void forget() {
        changes.incrementAndGet();
        byId.clear();
    }

    public Queue get(String idOrName) {
        return queue(idOrName).orElseThrow(() -> new NotFoundException(WHAT, idOrName));
    }

    /** Queues ordered by name, keyset-paged. */
    @Transactional(readOnly = true)
    public Page<Queue> page(int limit, @Nullable String cursor) {
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
        return Page.fromOverfetch(
                        repository.page(size + 1, afterName, afterId),
                        size,
                        r -> r.sortName() + "\n" + r.queue().id())
                .map(QueueRepository.Ranked::queue);
    }

    @Transactional
    public Queue create(QueueDraft draft) {
        QueueRules.ValidQueue valid = rules.validate(draft);
        UUID id = Ids.newId(clock);
        changing();
        if (!repository.insert(id, valid, clock.instant())) {
            throw nameTaken(valid.name());
        }
        return repository.byId(id).orElseThrow();
    }

    /**
     * Replaces a queue's editable fields.
     *
     * @param expectedVersion the version the caller saw, or null for an unconditional update
     */
    @Transactional
    public Queue update(String idOrName, QueueDraft draft, @Nullable Long expectedVersion) {
        Queue current = get(idOrName);
        Queue locked = repository.lock(current.id().value()).orElseThrow(() -> new NotFoundException(WHAT, idOrName));
        ETags.check(expectedVersion, locked.version(), WHAT, idOrName);
        QueueRules.ValidQueue valid = rules.validate(draft);
        if (repository.nameTaken(valid.name(), locked.id().value())) {
            throw nameTaken(valid.name());
        }
        changing();
        try {
            repository.update(locked.id().value(), valid, clock.instant());
        } catch (DuplicateKeyException e) {
            throw nameTaken(valid.name());
        }
        return repository.byId(locked.id().value()).orElseThrow();
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("A queue named '" + name + "' exists already");
    }

    private static Optional<UUID> asUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
