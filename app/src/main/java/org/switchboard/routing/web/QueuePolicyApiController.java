package org.switchboard.routing.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.Users;
import org.switchboard.platform.JsonBody;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.QueuePolicy;
import org.switchboard.routing.internal.engine.Policy;
import tools.jackson.databind.JsonNode;

/**
 * A queue's routing policy: agent selection, priority aging, sticky agent, maximum size and its action,
 * overflow steps. The live service applies it at once, to waiting items too. See {@code docs/routing.md}.
 */
@RestController
class QueuePolicyApiController {

    static final int MAX_STEPS = 10;

    private final Dispatcher dispatcher;
    private final Queues queues;
    private final Users users;

    QueuePolicyApiController(Dispatcher dispatcher, Queues queues, Users users) {
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.users = users;
    }

    @GetMapping("/api/v1/queues/{id}/policy")
    Map<String, Object> get(@PathVariable String id) {
        return json(dispatcher.policy(queues.get(id).id()));
    }

    /**
     * Admins: {@code {"policy", "agingPerSecond"?, "stickySeconds"?, "maxWaiting"?, "overflowQueue"?,
     * "overflowSteps"?: [{"afterSeconds", "relaxProficiencyBy"?, "addTeams"?, "addQueues"?}]}}; fields left
     * out take their defaults (longest idle, no aging, no sticky window, no limit, no steps).
     */
    @PutMapping("/api/v1/queues/{id}/policy")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> put(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        Queue queue = queues.get(id);
        JsonBody body = JsonBody.of(json);
        Policy policy = Policy.LONGEST_IDLE;
        String name = body.string("policy");
        if (name != null) {
            try {
                policy = Policy.fromWire(name);
            } catch (IllegalArgumentException e) {
                body.problem("policy", "must be one of longest_idle, most_skilled, least_occupied, round_robin");
            }
        }
        double aging = 0;
        JsonNode agingNode = json.get("agingPerSecond");
        if (agingNode != null && !agingNode.isNull()) {
            if (!agingNode.isNumber() || agingNode.doubleValue() < 0 || agingNode.doubleValue() > 100) {
                body.problem("agingPerSecond", "must be a number between 0 and 100");
            } else {
                aging = agingNode.doubleValue();
            }
        }
        Integer sticky = body.integer("stickySeconds");
        if (sticky != null && (sticky < 0 || sticky > 3600)) {
            body.problem("stickySeconds", "must be between 0 and 3600");
        }
        Integer maxWaiting = body.integer("maxWaiting");
        if (maxWaiting != null && (maxWaiting < 0 || maxWaiting > 1_000_000)) {
            body.problem("maxWaiting", "must be between 0 and 1000000");
        }
        QueueId overflowQueue = null;
        String overflowName = body.string("overflowQueue");
        if (overflowName != null && !overflowName.isBlank()) {
            overflowQueue = queues.queue(overflowName.strip()).map(Queue::id).orElse(null);
            if (overflowQueue == null) {
                body.problem("overflowQueue", "names no queue");
            } else if (overflowQueue.equals(queue.id())) {
                body.problem("overflowQueue", "must be another queue");
            } else if (maxWaiting == null) {
                body.problem("maxWaiting", "is required with an overflow queue");
            }
        }
        List<QueuePolicy.Step> steps = new ArrayList<>();
        List<JsonBody> given = body.objects("overflowSteps");
        if (given.size() > MAX_STEPS) {
            body.problem("overflowSteps", "must have at most " + MAX_STEPS + " steps");
        }
        for (JsonBody step : given) {
            Integer after = step.integer("afterSeconds");
            if (after == null || after < 0 || after > 86_400) {
                step.problem("afterSeconds", "must be between 0 and 86400");
            }
            Integer relax = step.integer("relaxProficiencyBy");
            if (relax != null && (relax < 0 || relax > 4)) {
                step.problem("relaxProficiencyBy", "must be between 0 and 4");
            }
            Set<String> teams = new HashSet<>();
            List<String> teamNames = step.strings("addTeams");
            for (int i = 0; teamNames != null && i < teamNames.size(); i++) {
                try {
                    TeamId team = new TeamId(UUID.fromString(teamNames.get(i).strip()));
                    if (users.teamExists(team)) {
                        teams.add(team.toString());
                        continue;
                    }
                } catch (IllegalArgumentException ignored) {
                    // reported below
                }
                step.problem("addTeams[" + i + "]", "names no team");
            }
            Set<String> added = new HashSet<>();
            List<String> queueNames = step.strings("addQueues");
            for (int i = 0; queueNames != null && i < queueNames.size(); i++) {
                var other = queues.queue(queueNames.get(i).strip());
                if (other.isEmpty()) {
                    step.problem("addQueues[" + i + "]", "names no queue");
                } else {
                    added.add(other.get().id().toString());
                }
            }
            if (after != null) {
                steps.add(new QueuePolicy.Step(after, relax == null ? 0 : relax, teams, added));
            }
        }
        body.check();
        QueuePolicy saved = dispatcher.savePolicy(
                queue.id(),
                new QueuePolicy(policy, aging, sticky == null ? 0 : sticky, maxWaiting, overflowQueue, steps));
        return json(saved);
    }

    private static Map<String, Object> json(QueuePolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policy", policy.policy().wire());
        json.put("agingPerSecond", policy.agingPerSecond());
        json.put("stickySeconds", policy.stickySeconds());
        json.put("maxWaiting", policy.maxWaiting());
        json.put(
                "overflowQueue",
                policy.overflowQueue() == null ? null : policy.overflowQueue().toString());
        json.put(
                "overflowSteps",
                policy.overflowSteps().stream()
                        .map(step -> Map.of(
                                "afterSeconds", step.afterSeconds(),
                                "relaxProficiencyBy", step.relaxProficiencyBy(),
                                "addTeams", List.copyOf(step.addTeams()),
                                "addQueues", List.copyOf(step.addQueues())))
                        .toList());
        return json;
    }
}
