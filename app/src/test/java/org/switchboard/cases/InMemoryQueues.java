package org.switchboard.cases;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.switchboard.identity.TeamId;

/**
 * A queue directory for the case tests while {@code routing}'s real one (and its {@code POST
 * /api/v1/queues}) is not on this branch. It is a {@link Fallback} bean: once routing's
 * implementation is merged, that one is used and this one is unused, and {@link #register} must then
 * be replaced by creating queues through routing's {@code POST /api/v1/queues}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class InMemoryQueues {

    private static final Map<QueueId, QueueRef> QUEUES = new ConcurrentHashMap<>();

    /** A new queue with a unique name, owned by {@code team}. */
    public static QueueRef register(String namePrefix, TeamId team) {
        var id = new QueueId(UUID.randomUUID());
        var queue = new QueueRef(id, namePrefix + "-" + id.value().toString().substring(0, 8), team, 0);
        QUEUES.put(id, queue);
        return queue;
    }

    @Bean
    @Fallback
    QueueDirectory inMemoryQueueDirectory() {
        return new QueueDirectory() {
            @Override
            public Optional<QueueRef> find(String idOrName) {
                if (idOrName == null) {
                    return Optional.empty();
                }
                for (QueueRef queue : QUEUES.values()) {
                    if (queue.id().toString().equals(idOrName)
                            || queue.name().toLowerCase(Locale.ROOT).equals(idOrName.toLowerCase(Locale.ROOT))) {
                        return Optional.of(queue);
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<QueueRef> find(QueueId id) {
                return Optional.ofNullable(QUEUES.get(id));
            }

            @Override
            public List<QueueRef> ownedBy(Set<TeamId> teams) {
                return QUEUES.values().stream()
                        .filter(q -> teams.contains(q.team()))
                        .toList();
            }

            @Override
            public List<QueueRef> all() {
                return List.copyOf(QUEUES.values());
            }

            @Override
            public Map<QueueId, QueueRef> byId(Collection<QueueId> ids) {
                var found = new HashMap<QueueId, QueueRef>();
                ids.forEach(id -> Optional.ofNullable(QUEUES.get(id)).ifPresent(q -> found.put(id, q)));
                return found;
            }
        };
    }
}
