package org.switchboard.routing.internal.engine;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A piece of work to route: a case from email/portal/API, a chat, a call or a callback request.
 *
 * @param id the item's id, unique among items the engine holds
 * @param channel its channel; null means the queue's channel
 * @param queue the queue's id
 * @param requiredSkills skills needed on top of the queue's (a stricter minimum wins)
 * @param language an ISO 639-1 code an agent must speak, or null for any
 * @param casePriority priority points of the case (e.g. 0 low .. 30 urgent)
 * @param tier the customer's tier
 * @param preferredAgent the agent who should get the first offer (sticky agent or transfer target), or null
 * @param enqueuedAt when the item entered the queue; null means now. The routing service passes the stored
 *     time when it restores items after a restart, so their order and aging are unchanged.
 */
public record WorkItemSpec(
        String id,
        @Nullable Channel channel,
        String queue,
        List<SkillRequirement> requiredSkills,
        @Nullable String language,
        int casePriority,
        CustomerTier tier,
        @Nullable String preferredAgent,
        @Nullable Instant enqueuedAt) {

    public WorkItemSpec {
        requiredSkills = List.copyOf(requiredSkills);
    }

    /** An item of the queue's channel without own requirements, standard tier, priority 0. */
    public static WorkItemSpec of(String id, String queue) {
        return new WorkItemSpec(id, null, queue, List.of(), null, 0, CustomerTier.STANDARD, null, null);
    }

    public WorkItemSpec withChannel(Channel value) {
        return new WorkItemSpec(
                id, value, queue, requiredSkills, language, casePriority, tier, preferredAgent, enqueuedAt);
    }

    public WorkItemSpec withSkills(List<SkillRequirement> value) {
        return new WorkItemSpec(id, channel, queue, value, language, casePriority, tier, preferredAgent, enqueuedAt);
    }

    public WorkItemSpec withLanguage(@Nullable String value) {
        return new WorkItemSpec(
                id, channel, queue, requiredSkills, value, casePriority, tier, preferredAgent, enqueuedAt);
    }

    public WorkItemSpec withPriority(int casePriorityPoints, CustomerTier customerTier) {
        return new WorkItemSpec(
                id,
                channel,
                queue,
                requiredSkills,
                language,
                casePriorityPoints,
                customerTier,
                preferredAgent,
                enqueuedAt);
    }

    public WorkItemSpec withPreferredAgent(@Nullable String agent) {
        return new WorkItemSpec(id, channel, queue, requiredSkills, language, casePriority, tier, agent, enqueuedAt);
    }

    public WorkItemSpec withEnqueuedAt(@Nullable Instant value) {
        return new WorkItemSpec(
                id, channel, queue, requiredSkills, language, casePriority, tier, preferredAgent, value);
    }

    public WorkItemSpec withQueue(String value) {
        return new WorkItemSpec(
                id, channel, value, requiredSkills, language, casePriority, tier, preferredAgent, enqueuedAt);
    }
}
