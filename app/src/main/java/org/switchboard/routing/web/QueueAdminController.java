package org.switchboard.routing.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.TeamSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.StaleVersionException;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.QueueDraft;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.QueuePolicy;
import org.switchboard.routing.internal.engine.Policy;

/** The admin pages for queues: list, create, edit. Teams are shown and chosen by name. */
@Controller
@RequestMapping("/admin/queues")
@PreAuthorize("hasRole('ADMIN')")
class QueueAdminController {

    private final Queues queues;
    private final Users users;
    private final Dispatcher dispatcher;

    QueueAdminController(Queues queues, Users users, Dispatcher dispatcher) {
        this.queues = queues;
        this.users = users;
        this.dispatcher = dispatcher;
    }

    /**
     * The routing policy form of a queue (overflow steps stay as they are: they are set through the API).
     * Empty {@code maxWaiting} means no limit; empty {@code overflowQueue} refuses items beyond it.
     */
    @PostMapping("/{id}/policy")
    String savePolicy(
            @PathVariable String id,
            @RequestParam(defaultValue = "longest_idle") String policy,
            @RequestParam(defaultValue = "0") String agingPerSecond,
            @RequestParam(defaultValue = "0") String stickySeconds,
            @RequestParam(defaultValue = "") String maxWaiting,
            @RequestParam(defaultValue = "") String overflowQueue,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Queue queue = queues.get(id);
        Map<String, String> errors = new LinkedHashMap<>();
        Policy chosen = Policy.LONGEST_IDLE;
        try {
            chosen = Policy.fromWire(policy);
        } catch (IllegalArgumentException e) {
            errors.put("policy.policy", "must be one of longest_idle, most_skilled, least_occupied, round_robin");
        }
        double aging = 0;
        try {
            aging = Double.parseDouble(agingPerSecond.strip());
            if (!(aging >= 0 && aging <= 100)) {
                errors.put("policy.agingPerSecond", "must be a number between 0 and 100");
            }
        } catch (NumberFormatException e) {
            errors.put("policy.agingPerSecond", "must be a number between 0 and 100");
        }
        int sticky = 0;
        try {
            sticky = Integer.parseInt(stickySeconds.strip());
            if (sticky < 0 || sticky > 3600) {
                errors.put("policy.stickySeconds", "must be between 0 and 3600");
            }
        } catch (NumberFormatException e) {
            errors.put("policy.stickySeconds", "must be a whole number between 0 and 3600");
        }
        Integer max = null;
        if (!maxWaiting.isBlank()) {
            try {
                max = Integer.parseInt(maxWaiting.strip());
                if (max < 0 || max > 1_000_000) {
                    errors.put("policy.maxWaiting", "must be between 0 and 1000000");
                }
            } catch (NumberFormatException e) {
                errors.put("policy.maxWaiting", "must be a whole number, or empty for no limit");
            }
        }
        QueueId overflow = null;
        if (!overflowQueue.isBlank()) {
            overflow = queues.queue(overflowQueue.strip()).map(Queue::id).orElse(null);
            if (overflow == null || overflow.equals(queue.id())) {
                errors.put("policy.overflowQueue", "must name another queue");
            } else if (max == null) {
                errors.put("policy.maxWaiting", "is required with an overflow queue");
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, QueueForm.of(queue), queue, errors, "routing.queue.invalid");
        }
        QueuePolicy current = dispatcher.policy(queue.id());
        dispatcher.savePolicy(
                queue.id(), new QueuePolicy(chosen, aging, sticky, max, overflow, current.overflowSteps()));
        redirect.addFlashAttribute("policySaved", queue.name());
        return "redirect:/admin/queues/" + queue.id();
    }

    /**
     * The queue form as posted. Required skills are one per line, {@code skill proficiency} (e.g.
     * {@code billing 3}); a skill without a proficiency requires 1.
     */
    static final class QueueForm {
        private String name = "";
        private String team = "";
        private String requiredSkills = "";
        private String language = "";
        private String basePriority = "0";
        private boolean active = true;
        private @Nullable Long version;

        static QueueForm of(Queue queue) {
            var form = new QueueForm();
            form.name = queue.name();
            form.team = queue.team().toString();
            form.requiredSkills = String.join(
                    "\n",
                    queue.requiredSkills().stream()
                            .map(s -> s.skill() + " " + s.minProficiency())
                            .toList());
            form.language = queue.language() == null ? "" : queue.language();
            form.basePriority = Integer.toString(queue.basePriority());
            form.active = queue.active();
            form.version = queue.version();
            return form;
        }

        QueueDraft draft(List<FieldProblem> problems) {
            List<QueueDraft.Skill> skills = new ArrayList<>();
            String[] lines = requiredSkills.split("\\R");
            for (String line : lines) {
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = trimmed.split("[\\s:]+");
                Integer proficiency = 1;
                if (parts.length > 2) {
                    problems.add(new FieldProblem("requiredSkills", "write one skill and its level per line"));
                    continue;
                }
                if (parts.length == 2) {
                    try {
                        proficiency = Integer.valueOf(parts[1]);
                    } catch (NumberFormatException e) {
                        problems.add(new FieldProblem("requiredSkills", "'" + parts[1] + "' is not a level 1 to 5"));
                        continue;
                    }
                }
                skills.add(new QueueDraft.Skill(parts[0], proficiency));
            }
            Integer priority = null;
            if (!basePriority.isBlank()) {
                try {
                    priority = Integer.valueOf(basePriority.strip());
                } catch (NumberFormatException e) {
                    problems.add(new FieldProblem("basePriority", "must be a whole number between 0 and 100"));
                }
            }
            return new QueueDraft(name, team, skills, language, priority, active);
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getTeam() {
            return team;
        }

        public void setTeam(String team) {
            this.team = team;
        }

        public String getRequiredSkills() {
            return requiredSkills;
        }

        public void setRequiredSkills(String requiredSkills) {
            this.requiredSkills = requiredSkills;
        }

        public String getLanguage() {
            return language;
        }

        public void setLanguage(String language) {
            this.language = language;
        }

        public String getBasePriority() {
            return basePriority;
        }

        public void setBasePriority(String basePriority) {
            this.basePriority = basePriority;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }

        public @Nullable Long getVersion() {
            return version;
        }

        public void setVersion(@Nullable Long version) {
            this.version = version;
        }
    }

    @GetMapping
    String list(Model model) {
        Map<TeamId, String> teamNames = new LinkedHashMap<>();
        users.teams().forEach(team -> teamNames.put(team.id(), team.name()));
        model.addAttribute("queues", queues.list());
        model.addAttribute("teamNames", teamNames);
        return "routing/queues";
    }

    @GetMapping("/new")
    String newQueue(Model model) {
        return form(model, new QueueForm(), null, Map.of(), null);
    }

    @PostMapping
    String create(
            @ModelAttribute("form") QueueForm form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        QueueDraft draft = form.draft(problems);
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            Queue queue = queues.create(draft);
            redirect.addFlashAttribute("saved", queue.name());
            return "redirect:/admin/queues";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form, null, byField(e.problems()), null);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(model, form, null, Map.of("name", e.getMessage()), null);
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        Queue queue = queues.get(id);
        return form(model, QueueForm.of(queue), queue, Map.of(), null);
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable String id,
            @ModelAttribute("form") QueueForm form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Queue current = queues.get(id);
        List<FieldProblem> problems = new ArrayList<>();
        QueueDraft draft = form.draft(problems);
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            Queue queue = queues.update(id, draft, form.getVersion());
            redirect.addFlashAttribute("saved", queue.name());
            return "redirect:/admin/queues";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, form, current, byField(e.problems()), null);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(model, form, current, Map.of("name", e.getMessage()), null);
        } catch (StaleVersionException e) {
            response.setStatus(HttpStatus.PRECONDITION_FAILED.value());
            return form(model, form, current, Map.of(), "routing.queue.stale");
        }
    }

    private String form(
            Model model,
            QueueForm form,
            @Nullable Queue queue,
            Map<String, String> errors,
            @Nullable String errorMessageKey) {
        List<TeamSummary> teams = users.teams();
        String chosen = form.getTeam().strip();
        boolean listed = teams.stream().anyMatch(team -> team.id().toString().equalsIgnoreCase(chosen));
        model.addAttribute("form", form);
        model.addAttribute("teams", teams);
        // A chosen team that is not (or no longer) offered stays selectable, so saving keeps or reports it.
        model.addAttribute("unlistedTeam", chosen.isEmpty() || listed ? null : chosen);
        model.addAttribute("queue", queue);
        model.addAttribute("errors", errors);
        model.addAttribute("errorKey", errorMessageKey);
        if (queue != null) {
            model.addAttribute("policy", dispatcher.policy(queue.id()));
            model.addAttribute(
                    "policies", Arrays.stream(Policy.values()).map(Policy::wire).toList());
            model.addAttribute(
                    "otherQueues",
                    queues.list().stream()
                            .filter(q -> !q.id().equals(queue.id()))
                            .toList());
        }
        return "routing/queue-form";
    }

    /** Problems by form field; {@code requiredSkills[1].skill} is shown at the skills box. */
    private static Map<String, String> byField(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem problem : problems) {
            String field = problem.field().startsWith("requiredSkills") ? "requiredSkills" : problem.field();
            String message = field.equals(problem.field())
                    ? problem.message()
                    : problem.field().substring("requiredSkills".length()) + ": " + problem.message();
            errors.merge(field, message, (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
