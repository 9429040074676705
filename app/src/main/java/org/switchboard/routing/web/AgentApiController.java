package org.switchboard.routing.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.identity.UserId;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.routing.AgentState;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import tools.jackson.databind.JsonNode;

/**
 * Agent presence. {@code {id}} is the agent's user id. A desktop names its session in the
 * {@code Switchboard-Desktop} header; requests without it are the session {@code api}. An agent whose
 * presence is held by another live desktop session is "logged out elsewhere": their own change is a 409.
 */
@RestController
class AgentApiController {

    static final String DESKTOP_HEADER = "Switchboard-Desktop";
    private static final int MAX_REASON = 200;

    private final Dispatcher dispatcher;

    AgentApiController(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GetMapping("/api/v1/agents/{id}/presence")
    RoutingJson.Presence presence(@PathVariable String id) {
        return RoutingJson.Presence.of(dispatcher.presence(UserId.parse(id)));
    }

    @PutMapping("/api/v1/agents/{id}/presence")
    RoutingJson.Presence setPresence(
            @PathVariable String id,
            @RequestHeader(value = DESKTOP_HEADER, required = false) @Nullable String desktop,
            @RequestBody(required = false) @Nullable JsonNode json) {
        UserId agent = UserId.parse(id);
        dispatcher.presence(agent); // an unknown agent is a 404 before the body is judged
        JsonBody body = JsonBody.of(json);
        String state = body.string("state");
        String reason = body.string("reason");
        if (state == null) {
            body.problem("state", "is required");
        }
        if (reason != null && (reason.isBlank() || reason.length() > MAX_REASON)) {
            body.problem("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        body.check();
        AgentState parsed = AgentState.of(state, "state");
        if (reason != null && parsed != AgentState.AWAY && parsed != AgentState.OFFLINE) {
            throw new InvalidInputException("reason", "is only given with away or offline");
        }
        return RoutingJson.Presence.of(dispatcher.setPresence(
                agent, parsed, reason == null ? null : reason.strip(), desktop(desktop), Actors.current()));
    }

    @PostMapping("/api/v1/agents/{id}/heartbeat")
    ResponseEntity<Void> heartbeat(
            @PathVariable String id,
            @RequestHeader(value = DESKTOP_HEADER, required = false) @Nullable String desktop) {
        UserId agent = UserId.parse(id);
        if (!agent.equals(Actors.current().id())) {
            throw new org.springframework.security.access.AccessDeniedException("A desktop beats for its own agent");
        }
        dispatcher.heartbeat(agent, desktop(desktop));
        return ResponseEntity.noContent().build();
    }

    /** Every agent with a presence: state, time in state, load and current work. Supervisors. */
    @GetMapping("/api/v1/agents")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<RoutingJson.Presence> agents() {
        return dispatcher.agents().stream().map(RoutingJson.Presence::of).toList();
    }

    static String desktop(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return Dispatcher.API_DESKTOP;
        }
        String value = header.strip();
        if (value.length() > 100) {
            throw new InvalidInputException(DESKTOP_HEADER, "must be at most 100 characters");
        }
        return value;
    }
}
