package org.switchboard.knowledge.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueRef;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowDefinition.Option;
import org.switchboard.knowledge.FlowDefinition.Step;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.StaleVersionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow editor for admins ({@code /admin/knowledge/flows}): a list, and per flow a tree view of the
 * draft from its start, one form per step (htmx swaps the editor after each save), the problems that
 * block publishing, the whole definition as JSON for bulk edits, and the published versions.
 */
@Controller
class FlowEditorPages {

    private final GuidedFlows flows;
    private final QueueDirectory queues;
    private final JsonMapper json;

    FlowEditorPages(GuidedFlows flows, QueueDirectory queues, JsonMapper json) {
        this.flows = flows;
        this.queues = queues;
        this.json = json;
    }

    @GetMapping("/admin/knowledge/flows")
    String list(Model model) {
        model.addAttribute("flows", flows.list(false));
        return "knowledge/flows/list";
    }

    @PostMapping("/admin/knowledge/flows")
    String create(
            @RequestParam String name,
            @RequestParam String audience,
            @RequestParam(required = false) String language,
            Model model) {
        try {
            FlowView view = flows.create(name, audience, language, Actors.current());
            return "redirect:/admin/knowledge/flows/" + view.summary().id();
        } catch (InvalidInputException e) {
            model.addAttribute("flows", flows.list(false));
            model.addAttribute("flashError", e.getMessage());
            return "knowledge/flows/list";
        }
    }

    @GetMapping("/admin/knowledge/flows/{id}")
    String edit(@PathVariable String id, Model model) {
        return page(flows.get(FlowId.parse(id)), model, null, null);
    }

    /** The flow's name, audience and language. */
    @PostMapping("/admin/knowledge/flows/{id}/header")
    String header(
            @PathVariable String id,
            @RequestParam String name,
            @RequestParam String audience,
            @RequestParam(required = false) String language,
            @RequestParam long version,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        return save(current, name, audience, language, current.draft(), version, model);
    }

    /** Saves one step: its kind, text, article or queue, and options (rows {@code labelN}, {@code nextN}, {@code loopN}). */
    @PostMapping("/admin/knowledge/flows/{id}/steps/{key}")
    String saveStep(
            @PathVariable String id,
            @PathVariable String key,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        StepKind kind = StepKind.of(form.getFirst("kind"));
        List<Option> options = new ArrayList<>();
        if (!kind.ending()) {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                String label = form.getFirst("label" + i);
                if (label == null) {
                    break;
                }
                if (label.isBlank()) {
                    continue; // an empty row removes the option (or is the unused "add" row)
                }
                String optionKey = form.getFirst("key" + i);
                if (optionKey == null || optionKey.isBlank() || !keys.add(optionKey)) {
                    optionKey = freshKey(keys);
                    keys.add(optionKey);
                }
                options.add(new Option(
                        optionKey,
                        label.strip(),
                        nullToEmpty(form.getFirst("next" + i)),
                        form.containsKey("loop" + i)));
            }
        }
        Step step = new Step(
                key,
                kind,
                nullToEmpty(form.getFirst("text")),
                options,
                blankToNull(form.getFirst("articleId")),
                blankToNull(form.getFirst("queue")));
        List<Step> steps = new ArrayList<>();
        for (Step s : current.draft().steps()) {
            steps.add(s.key().equals(key) ? step : s);
        }
        return saveDefinition(current, new FlowDefinition(current.draft().start(), steps), form, model);
    }

    @PostMapping("/admin/knowledge/flows/{id}/steps")
    String addStep(
            @PathVariable String id,
            @RequestParam String key,
            @RequestParam String kind,
            @RequestParam String text,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        if (current.draft().step(key.strip()).isPresent()) {
            return page(current, model, "'" + key + "' is used by another step", null);
        }
        List<Step> steps = new ArrayList<>(current.draft().steps());
        steps.add(new Step(key.strip(), StepKind.of(kind), text, List.of(), null, null));
        String start = current.draft().start().isBlank()
                ? key.strip()
                : current.draft().start();
        return saveDefinition(current, new FlowDefinition(start, steps), form, model);
    }

    @PostMapping("/admin/knowledge/flows/{id}/steps/{key}/delete")
    String deleteStep(
            @PathVariable String id,
            @PathVariable String key,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        List<Step> steps = new ArrayList<>(current.draft().steps());
        steps.removeIf(s -> s.key().equals(key));
        return saveDefinition(current, new FlowDefinition(current.draft().start(), steps), form, model);
    }

    @PostMapping("/admin/knowledge/flows/{id}/start")
    String start(
            @PathVariable String id,
            @RequestParam String start,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        return saveDefinition(current, new FlowDefinition(start, current.draft().steps()), form, model);
    }

    /** Replaces the whole draft with the JSON definition typed in the editor. */
    @PostMapping("/admin/knowledge/flows/{id}/json")
    String replaceJson(
            @PathVariable String id,
            @RequestParam String definition,
            @RequestParam MultiValueMap<String, String> form,
            Model model) {
        FlowView current = flows.get(FlowId.parse(id));
        FlowDefinition parsed;
        try {
            JsonBody body = JsonBody.of(json.readTree(definition));
            parsed = FlowJson.definition(body);
            body.check();
        } catch (InvalidInputException e) {
            return page(current, model, e.getMessage(), null);
        } catch (RuntimeException e) {
            return page(current, model, "definition: not valid JSON", null);
        }
        return saveDefinition(current, parsed, form, model);
    }

    @PostMapping("/admin/knowledge/flows/{id}/publish")
    String publish(@PathVariable String id, Model model) {
        try {
            FlowView view = flows.publish(FlowId.parse(id), Actors.current());
            return page(view, model, null, "knowledge.flows.published");
        } catch (InvalidInputException e) {
            return page(flows.get(FlowId.parse(id)), model, e.getMessage(), null);
        }
    }

    private String saveDefinition(
            FlowView current, FlowDefinition definition, MultiValueMap<String, String> form, Model model) {
        long version;
        try {
            version = Long.parseLong(nullToEmpty(form.getFirst("version")));
        } catch (NumberFormatException e) {
            version = current.summary().version();
        }
        return save(
                current,
                current.summary().name(),
                current.summary().audience(),
                current.summary().language(),
                definition,
                version,
                model);
    }

    private String save(
            FlowView current,
            String name,
            String audience,
            @Nullable String language,
            FlowDefinition definition,
            long version,
            Model model) {
        Actor actor = Actors.current();
        try {
            FlowView saved =
                    flows.saveDraft(current.summary().id(), name, audience, language, definition, version, actor);
            return page(saved, model, null, "knowledge.flows.saved");
        } catch (StaleVersionException e) {
            return page(flows.get(current.summary().id()), model, null, "knowledge.flows.stale");
        } catch (InvalidInputException e) {
            return page(current, model, e.getMessage(), null);
        }
    }

    private String page(FlowView view, Model model, @Nullable String error, @Nullable String notice) {
        model.addAttribute("flow", view);
        model.addAttribute("tree", tree(view.draft()));
        model.addAttribute("kinds", StepKind.values());
        model.addAttribute(
                "queues",
                queues.all().stream()
                        .map(QueueRef::name)
                        .sorted(String.CASE_INSENSITIVE_ORDER)
                        .toList());
        model.addAttribute(
                "definitionJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(view.draft()));
        model.addAttribute("flashError", error);
        model.addAttribute("notice", notice);
        return "knowledge/flows/editor";
    }

    /**
     * One line of the tree view.
     *
     * @param via the option label that leads here (null for the start)
     * @param repeat the step was already shown above (a shared step or a loop), so it is not expanded again
     */
    record TreeLine(
            int depth, @Nullable String via, String key, String kind, String text, boolean repeat, boolean loop) {}

    /** The draft as an indented tree from its start; steps not reachable from it follow at depth 0. */
    static List<TreeLine> tree(FlowDefinition definition) {
        List<TreeLine> lines = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        if (definition.step(definition.start()).isPresent()) {
            walk(definition, definition.start(), null, false, 0, shown, lines);
        }
        for (Step step : definition.steps()) {
            if (!shown.contains(step.key())) {
                walk(definition, step.key(), null, false, 0, shown, lines);
            }
        }
        return lines;
    }

    private static void walk(
            FlowDefinition definition,
            String key,
            @Nullable String via,
            boolean loop,
            int depth,
            Set<String> shown,
            List<TreeLine> lines) {
        Step step = definition.step(key).orElse(null);
        if (step == null) {
            lines.add(new TreeLine(depth, via, key, "missing", "", false, loop));
            return;
        }
        boolean repeat = !shown.add(key);
        lines.add(new TreeLine(depth, via, key, step.kind().wire(), step.text(), repeat, loop));
        if (repeat || depth > 60) {
            return;
        }
        for (Option option : step.options()) {
            walk(definition, option.next(), option.label(), option.loop(), depth + 1, shown, lines);
        }
    }

    private static String freshKey(Set<String> used) {
        int n = 1;
        while (used.contains("o" + n)) {
            n++;
        }
        return "o" + n;
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
