package org.switchboard.knowledge.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.JsonBody;

/** Reads a flow definition from a JSON body, naming every wrongly typed field. */
final class FlowJson {

    private FlowJson() {}

    /** The definition in {@code body} (an object {@code {"start", "steps"}}); problems are collected in it. */
    static FlowDefinition definition(@Nullable JsonBody body) {
        if (body == null) {
            return new FlowDefinition("", List.of());
        }
        String start = body.string("start");
        List<FlowDefinition.Step> steps = new ArrayList<>();
        for (JsonBody step : body.objects("steps")) {
            StepKind kind = StepKind.QUESTION;
            String kindName = step.string("kind");
            if (kindName != null) {
                try {
                    kind = StepKind.of(kindName, step.name("kind"));
                } catch (org.switchboard.platform.InvalidInputException e) {
                    step.problem("kind", "must be one of question, article, message, open_case, callback");
                }
            }
            List<FlowDefinition.Option> options = new ArrayList<>();
            List<JsonBody> optionBodies = step.objects("options");
            for (int j = 0; j < optionBodies.size(); j++) {
                JsonBody option = optionBodies.get(j);
                String key = option.string("key");
                Boolean loop = option.bool("loop");
                options.add(new FlowDefinition.Option(
                        key == null || key.isBlank() ? "o" + (j + 1) : key,
                        nullToEmpty(option.string("label")),
                        nullToEmpty(option.string("next")),
                        loop != null && loop));
            }
            steps.add(new FlowDefinition.Step(
                    nullToEmpty(step.string("key")),
                    kind,
                    nullToEmpty(step.string("text")),
                    options,
                    step.string("articleId"),
                    step.string("queue")));
        }
        return new FlowDefinition(start == null ? "" : start, steps);
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
