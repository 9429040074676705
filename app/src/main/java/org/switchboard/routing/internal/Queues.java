package org.switchboard.routing.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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
 * The queues: administration (create, change, list) and cases' {@link QueueDirectory} port. Nothing is
 * cached; every read goes to the database, so a change is visible at once.
 */
@Service
public class Queues implements QueueDirectory {

    private static final String WHAT = "queue";

    private final QueueRepository repository;
    private final QueueRules rules;
    private final Clock clock;

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
        return repository.byId(id.value()).map(Queue::ref);
    }

    @Override
    @Transactional(readOnly = true)
    public List<QueueRef> ownedBy(Set<TeamId> teams) {
        return repository.ownedBy(teams.stream().map(TeamId::value).toList()).stream()
                .map(Queue::ref)
                .toList();
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

    /** A queue by id or (case-insensitive) name. */
    @Transactional(readOnly = true)
    public Optional<Queue> queue(String idOrName) {
        Optional<Queue> byId = asUuid(idOrName).flatMap(repository::byId);
        return byId.isPresent() ? byId : repository.byName(idOrName.strip());
    }

    @Transactional(readOnly = true)
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
