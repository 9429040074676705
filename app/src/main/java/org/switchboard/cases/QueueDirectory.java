package org.switchboard.cases;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.switchboard.identity.TeamId;

/**
 * The queues cases are filed under. Declared here, implemented by {@code routing}, so cases does not
 * depend on routing.
 */
public interface QueueDirectory {

    /** A queue by id or (case-insensitive) name. */
    Optional<QueueRef> find(String idOrName);

    Optional<QueueRef> find(QueueId id);

    /** The queues owned by these teams (what an agent of them sees). */
    List<QueueRef> ownedBy(Set<TeamId> teams);

    List<QueueRef> all();

    default java.util.Map<QueueId, QueueRef> byId(Collection<QueueId> ids) {
        var all = new java.util.HashMap<QueueId, QueueRef>();
        for (QueueId id : ids) {
            find(id).ifPresent(q -> all.put(id, q));
        }
        return all;
    }
}
