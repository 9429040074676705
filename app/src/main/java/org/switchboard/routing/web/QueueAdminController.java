package org.switchboard.routing.web;

import java.util.ArrayList;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.StaleVersionException;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.QueueDraft;
import org.switchboard.routing.internal.Queues;

/** The admin pages for queues: list, create, edit. */
@Controller
@RequestMapping("/admin/queues")
@PreAuthorize("hasRole('ADMIN')")
class QueueAdminController {

    private final Queues queues;

    QueueAdminController(Queues queues) {
        this.queues = queues;
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
        model.addAttribute("queues", queues.list());
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

    private static String form(
            Model model,
            QueueForm form,
            @Nullable Queue queue,
            Map<String, String> errors,
            @Nullable String errorMessageKey) {
        model.addAttribute("form", form);
        model.addAttribute("queue", queue);
        model.addAttribute("errors", errors);
        model.addAttribute("errorKey", errorMessageKey);
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
