package org.switchboard.desk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who has a case open right now, and whether they are writing to it: the data behind the collision
 * warning ("Alice is also viewing this case"). Each open case page reports every few seconds; an agent
 * who stops reporting for longer than the timeout is dropped.
 *
 * <p>Thread-safe: all changes of one case happen under that case's map entry (via {@code compute}), so
 * concurrent reports of one case never lose each other. Kept in memory: after a restart the pages report
 * again within one interval.
 */
public final class CaseViewers {

    /** What an agent does on a case page. */
    public enum Activity {
        VIEWING,
        REPLYING
    }

    /** One agent on one case. */
    public record Viewer(String userId, String name, Activity activity, Instant lastSeen) {}

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Map<String, Viewer>> byCase = new ConcurrentHashMap<>();

    public CaseViewers(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Records that {@code userId} has {@code caseId} open.
     *
     * @return whether others should be told: the agent is new on the case or changed activity
     */
    public boolean report(String caseId, String userId, String name, Activity activity) {
        Instant now = clock.instant();
        boolean[] changed = {false};
        byCase.compute(caseId, (key, viewers) -> {
            Map<String, Viewer> next = viewers == null ? new ConcurrentHashMap<>() : viewers;
            Viewer previous = next.put(userId, new Viewer(userId, name, activity, now));
            changed[0] = previous == null || previous.activity() != activity || expired(previous, now);
            return next;
        });
        return changed[0];
    }

    /** The agent closed the case page. @return whether they were on it */
    public boolean leave(String caseId, String userId) {
        boolean[] removed = {false};
        byCase.computeIfPresent(caseId, (key, viewers) -> {
            removed[0] = viewers.remove(userId) != null;
            return viewers.isEmpty() ? null : viewers;
        });
        return removed[0];
    }

    /** The agents on a case except {@code exceptUserId}, replying ones first, then by name. */
    public List<Viewer> others(String caseId, String exceptUserId) {
        Instant now = clock.instant();
        Map<String, Viewer> viewers = byCase.getOrDefault(caseId, Map.of());
        List<Viewer> result = new ArrayList<>();
        for (Viewer viewer : viewers.values()) {
            if (!viewer.userId().equals(exceptUserId) && !expired(viewer, now)) {
                result.add(viewer);
            }
        }
        result.sort(Comparator.comparing((Viewer v) -> v.activity() == Activity.REPLYING ? 0 : 1)
                .thenComparing(Viewer::name));
        return result;
    }

    /**
     * Drops the agents who stopped reporting.
     *
     * @return the cases whose viewers changed, so their pages can be told
     */
    public Set<String> expire() {
        Instant now = clock.instant();
        Set<String> changed = new TreeSet<>();
        for (String caseId : byCase.keySet()) {
            byCase.computeIfPresent(caseId, (key, viewers) -> {
                if (viewers.values().removeIf(viewer -> expired(viewer, now))) {
                    changed.add(key);
                }
                return viewers.isEmpty() ? null : viewers;
            });
        }
        return changed;
    }

    private boolean expired(Viewer viewer, Instant now) {
        return viewer.lastSeen().plus(timeout).isBefore(now);
    }
}
