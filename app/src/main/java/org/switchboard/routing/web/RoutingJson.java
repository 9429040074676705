package org.switchboard.routing.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.Skill;
import org.switchboard.routing.internal.dispatch.WorkItem;

/** JSON shapes of the live routing API. */
final class RoutingJson {

    private RoutingJson() {}

    record Presence(
            String agent,
            String displayName,
            String state,
            @Nullable String reason,
            Instant since,
            Map<String, Integer> load,
            @Nullable String offer,
            List<Item> work) {

        static Presence of(Dispatcher.AgentView view) {
            return new Presence(
                    view.agent().toString(),
                    view.displayName(),
                    view.state().wire(),
                    view.reason(),
                    view.since(),
                    view.load(),
                    view.openOffer() == null ? null : view.openOffer().toString(),
                    view.work().stream().map(Item::of).toList());
        }
    }

    record Item(
            String id,
            String kind,
            @Nullable String caseId,
            String queue,
            String channel,
            List<Skill> skills,
            @Nullable String language,
            int priority,
            Instant enqueuedAt,
            @Nullable Instant notBefore,
            String status,
            @Nullable String agent,
            @Nullable String phone,
            @Nullable String note,
            @Nullable String preferredAgent) {

        static Item of(WorkItem item) {
            return new Item(
                    item.id().toString(),
                    item.kind(),
                    item.caseId() == null ? null : item.caseId().value().toString(),
                    item.queue().toString(),
                    item.channel(),
                    item.skills(),
                    item.language(),
                    item.priority(),
                    item.enqueuedAt(),
                    item.notBefore(),
                    item.status(),
                    item.agent() == null ? null : item.agent().toString(),
                    item.phone(),
                    item.note(),
                    item.preferredAgent() == null ? null : item.preferredAgent().toString());
        }
    }

    /** An item with its place in line: position 1 is next; 0 when it no longer waits. */
    record Placed(Item item, int position, long estimatedWaitSeconds) {}
}
