package org.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowDefinition.Option;
import org.switchboard.knowledge.FlowDefinition.Step;
import org.switchboard.platform.FieldProblem;

/**
 * What makes a flow definition publishable. Field names point into the definition's JSON
 * ({@code steps[2].options[0].next}) so the editor and the API can show each problem where it is.
 *
 * <p>A cycle is allowed only through an option marked {@code loop} ("start over"), and even then every
 * step must still be able to reach an ending, so no run can be trapped.
 */
public final class FlowRules {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    static final int MAX_STEPS = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_OPTIONS = 20;

    private FlowRules() {}

    public static List<FieldProblem> problems(FlowDefinition definition) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Step> steps = definition.steps();
        if (steps.isEmpty()) {
            problems.add(new FieldProblem("steps", "a flow needs at least one question and one ending"));
            return problems;
        }
        if (steps.size() > MAX_STEPS) {
            problems.add(new FieldProblem("steps", "at most " + MAX_STEPS + " steps"));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step.key() == null || !KEY.matcher(step.key()).matches()) {
                problems.add(new FieldProblem(at + ".key", "1 to 40 letters, digits, - or _"));
            } else if (index.putIfAbsent(step.key(), i) != null) {
                problems.add(new FieldProblem(at + ".key", "'" + step.key() + "' is used by another step"));
            }
            if (step.text() == null || step.text().isBlank()) {
                problems.add(new FieldProblem(at + ".text", "must not be blank"));
            } else if (step.text().length() > MAX_TEXT) {
                problems.add(new FieldProblem(at + ".text", "at most " + MAX_TEXT + " characters"));
            }
        }
        String start = definition.start();
        if (start == null || start.isBlank()) {
            problems.add(new FieldProblem("start", "is required"));
        } else if (!index.containsKey(start)) {
            problems.add(new FieldProblem("start", "no step '" + start + "'"));
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = "steps[" + i + "]";
            if (step.kind().ending()) {
                if (!step.options().isEmpty()) {
                    problems.add(new FieldProblem(at + ".options", "an ending has no options"));
                }
                switch (step.kind()) {
                    case ARTICLE -> {
                        if (blank(step.articleId())) {
                            problems.add(new FieldProblem(at + ".articleId", "an article ending needs its article"));
                        }
                    }
                    case OPEN_CASE, CALLBACK -> {
                        if (blank(step.queue())) {
                            problems.add(new FieldProblem(at + ".queue", "this ending needs a queue"));
                        }
                    }
                    default -> {}
                }
                continue;
            }
            if (step.options().isEmpty()) {
                problems.add(new FieldProblem(at + ".options", "a question needs at least one option"));
            } else if (step.options().size() > MAX_OPTIONS) {
                problems.add(new FieldProblem(at + ".options", "at most " + MAX_OPTIONS + " options"));
            }
            Set<String> optionKeys = new HashSet<>();
            for (int j = 0; j < step.options().size(); j++) {
                Option option = step.options().get(j);
                String o = at + ".options[" + j + "]";
                if (option.key() == null || !KEY.matcher(option.key()).matches()) {
                    problems.add(new FieldProblem(o + ".key", "1 to 40 letters, digits, - or _"));
                } else if (!optionKeys.add(option.key())) {
                    problems.add(new FieldProblem(o + ".key", "'" + option.key() + "' is used twice in this step"));
                }
                if (blank(option.label())) {
                    problems.add(new FieldProblem(o + ".label", "must not be blank"));
                }
                if (blank(option.next())) {
                    problems.add(new FieldProblem(o + ".next", "is required"));
                } else if (!index.containsKey(option.next())) {
                    problems.add(new FieldProblem(o + ".next", "no step '" + option.next() + "' (a dangling step)"));
                }
            }
        }
        if (!problems.isEmpty()) {
            // Reachability and cycles are only meaningful once every reference resolves.
            return problems;
        }
        graphProblems(definition, index, problems);
        return problems;
    }

    private static void graphProblems(
            FlowDefinition definition, Map<String, Integer> index, List<FieldProblem> problems) {
        List<Step> steps = definition.steps();
        // Depth-first from the start: an edge to a step still on the stack closes a cycle.
        Set<String> visited = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        walk(definition.start(), definition, index, visited, onStack, problems);
        for (int i = 0; i < steps.size(); i++) {
            if (!visited.contains(steps.get(i).key())) {
                problems.add(new FieldProblem(
                        "steps[" + i + "]", "'" + steps.get(i).key() + "' cannot be reached from the start"));
            }
        }
        // Every step must be able to reach an ending (backwards from the endings).
        Set<String> ends = new HashSet<>();
        for (Step step : steps) {
            if (step.kind().ending()) {
                ends.add(step.key());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Step step : steps) {
                if (!ends.contains(step.key()) && step.options().stream().anyMatch(o -> ends.contains(o.next()))) {
                    ends.add(step.key());
                    grew = true;
                }
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            if (!ends.contains(steps.get(i).key())) {
                problems.add(new FieldProblem(
                        "steps[" + i + "]",
                        "no path from '" + steps.get(i).key() + "' leads to an ending (every branch must end)"));
            }
        }
    }

    private static void walk(
            String key,
            FlowDefinition definition,
            Map<String, Integer> index,
            Set<String> visited,
            Set<String> onStack,
            List<FieldProblem> problems) {
        visited.add(key);
        onStack.add(key);
        int i = index.get(key);
        Step step = definition.steps().get(i);
        for (int j = 0; j < step.options().size(); j++) {
            Option option = step.options().get(j);
            if (onStack.contains(option.next())) {
                if (!option.loop()) {
                    problems.add(new FieldProblem(
                            "steps[" + i + "].options[" + j + "].next",
                            "leads back to '" + option.next() + "', a cycle; mark the option as a loop if intended"));
                }
            } else if (!visited.contains(option.next())) {
                walk(option.next(), definition, index, visited, onStack, problems);
            }
        }
        onStack.remove(key);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
