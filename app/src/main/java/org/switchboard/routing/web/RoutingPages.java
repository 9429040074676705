package org.switchboard.routing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.UserId;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.routing.AgentState;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.WorkItem;
import org.switchboard.routing.internal.staffing.Load;
import org.switchboard.routing.internal.staffing.Prediction;
import org.switchboard.routing.internal.staffing.Staffing;

/**
 * The routing pages: the agent's desktop panel ({@code /routing/desktop}: presence switch, the offer with
 * its countdown, current work) and the supervisor view ({@code /routing/supervisor}: queues, agents,
 * waiting items, the staffing calculator). Both refresh their parts when {@code /routing/events} pushes.
 */
@Controller
class RoutingPages {

    private final Dispatcher dispatcher;
    private final Queues queues;
    private final Cases cases;

    RoutingPages(Dispatcher dispatcher, Queues queues, Cases cases) {
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.cases = cases;
    }

    // ------------------------------------------------------------ agent desktop

    @GetMapping("/routing/desktop")
    String desktop(Model model) {
        model.addAttribute("states", AgentState.values());
        return "routing/desktop";
    }

    @GetMapping("/routing/desktop/panel")
    String panel(Model model) {
        Actor actor = Actors.current();
        Dispatcher.AgentView me = dispatcher.presence(actor.id());
        model.addAttribute("me", me);
        model.addAttribute("since", Duration.between(me.since(), Instant.now()).toMinutes());
        model.addAttribute("offer", dispatcher.offerOf(actor.id()).orElse(null));
        dispatcher
                .offerOf(actor.id())
                .ifPresent(offer -> model.addAttribute("offerItem", dispatcher.item(offer.item())));
        model.addAttribute("numbers", caseNumbers(me.work(), actor));
        return "routing/desktop :: panel";
    }

    @PostMapping("/routing/desktop/presence")
    String setPresence(
            @RequestParam String state,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String desktop,
            Model model) {
        Actor actor = Actors.current();
        AgentState parsed = AgentState.of(state, "state");
        String why = reason == null || reason.isBlank() || parsed != AgentState.AWAY ? null : reason.strip();
        dispatcher.setPresence(actor.id(), parsed, why, AgentApiController.desktop(desktop), actor);
        return panel(model);
    }

    /** The desktop page's heartbeat (the API's {@code /api/v1/agents/{id}/heartbeat} is for API clients). */
    @PostMapping("/routing/desktop/heartbeat")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void heartbeat(@RequestParam(required = false) @Nullable String desktop) {
        dispatcher.heartbeat(Actors.current().id(), AgentApiController.desktop(desktop));
    }

    @PostMapping("/routing/desktop/offers/{id}/{answer}")
    String answer(@PathVariable String id, @PathVariable String answer, Model model) {
        UUID offer = parse(id, "offer");
        switch (answer) {
            case "accept" -> dispatcher.accept(offer, Actors.current());
            case "decline" -> dispatcher.decline(offer, Actors.current());
            default -> throw new NotFoundException("offer action", answer);
        }
        return panel(model);
    }

    @PostMapping("/routing/desktop/work/{id}/complete")
    String complete(@PathVariable String id, Model model) {
        dispatcher.complete(parse(id, "work item"), Actors.current());
        return panel(model);
    }

    // ------------------------------------------------------------ supervisor view

    @GetMapping("/routing/supervisor")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String supervisor(Model model) {
        model.addAttribute("states", AgentState.values());
        return "routing/supervisor";
    }

    @GetMapping("/routing/supervisor/live")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String live(Model model) {
        List<Queue> active = queues.list().stream().filter(Queue::active).toList();
        model.addAttribute(
                "stats", active.stream().map(q -> dispatcher.stats(q.id())).toList());
        List<Dispatcher.AgentView> agents = dispatcher.agents();
        model.addAttribute("agents", agents);
        Instant now = Instant.now();
        model.addAttribute(
                "minutes",
                agents.stream()
                        .collect(Collectors.toMap(
                                a -> a.agent().toString(),
                                a -> Duration.between(a.since(), now).toMinutes())));
        model.addAttribute(
                "waiting",
                active.stream()
                        .flatMap(q -> dispatcher.line(q.id(), 20).stream())
                        .toList());
        model.addAttribute(
                "queueNames", active.stream().collect(Collectors.toMap(q -> q.id().toString(), Queue::name)));
        model.addAttribute("states", AgentState.values());
        model.addAttribute("now", now);
        return "routing/supervisor :: live";
    }

    @PostMapping("/routing/supervisor/agents/{id}/presence")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String changeAgent(@PathVariable String id, @RequestParam String state, Model model) {
        dispatcher.setPresence(
                UserId.parse(id), AgentState.of(state, "state"), null, Dispatcher.API_DESKTOP, Actors.current());
        return live(model);
    }

    @PostMapping("/routing/supervisor/items/{id}/front")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String toFront(@PathVariable String id, Model model) {
        dispatcher.move(parse(id, "work item"), null, true);
        return live(model);
    }

    @PostMapping("/routing/supervisor/items/{id}/assign")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String forceAssign(@PathVariable String id, @RequestParam String agent, Model model) {
        UserId to;
        try {
            to = new UserId(UUID.fromString(agent));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("agent", "names no agent");
        }
        dispatcher.forceAssign(parse(id, "work item"), to);
        return live(model);
    }

    /** The staffing calculator of {@code GET /api/v1/routing/staffing}, as a form. */
    @GetMapping("/routing/supervisor/staffing")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String staffing(
            @RequestParam double arrivalsPerHour,
            @RequestParam double ahtSeconds,
            @RequestParam double serviceLevelSeconds,
            @RequestParam double target,
            @RequestParam(required = false) @Nullable Double patienceSeconds,
            Model model) {
        if (arrivalsPerHour <= 0 || ahtSeconds <= 0 || serviceLevelSeconds <= 0 || target <= 0 || target >= 1) {
            model.addAttribute("invalid", true);
        } else {
            try {
                Prediction prediction = Staffing.fewestAgents(
                        new Load(arrivalsPerHour, ahtSeconds, serviceLevelSeconds, patienceSeconds), target);
                model.addAttribute("prediction", prediction);
            } catch (RuntimeException e) {
                model.addAttribute("invalid", true);
            }
        }
        return "routing/supervisor :: staffing";
    }

    private Map<String, String> caseNumbers(List<WorkItem> work, Actor actor) {
        Map<String, String> numbers = new java.util.HashMap<>();
        for (WorkItem item : work) {
            CaseId caseId = item.caseId();
            if (caseId != null) {
                try {
                    numbers.put(
                            caseId.value().toString(), cases.get(caseId, actor).number());
                } catch (RuntimeException invisible) {
                    numbers.put(caseId.value().toString(), caseId.value().toString());
                }
            }
        }
        return numbers;
    }

    private static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what, id);
        }
    }
}
