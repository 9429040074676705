package org.switchboard.knowledge;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The decision tree of one flow version: steps by key, starting at {@code start}.
 *
 * @param start the key of the first step
 * @param steps every step; keys are unique within the definition
 */
public record FlowDefinition(String start, List<Step> steps) {

    public FlowDefinition {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public Optional<Step> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * One step.
     *
     * @param key stable within the definition (letters, digits, {@code -} and {@code _})
     * @param text the question, or the ending's text shown to the person running the flow
     * @param options a question's answers; empty for an ending
     * @param articleId an {@code article} ending's article
     * @param queue an {@code open_case} or {@code callback} ending's queue (name or id)
     */
    public record Step(
            String key,
            StepKind kind,
            String text,
            List<Option> options,
            @Nullable String articleId,
            @Nullable String queue) {

        public Step {
            options = options == null ? List.of() : List.copyOf(options);
        }

        public Optional<Option> option(String key) {
            return options.stream().filter(o -> o.key().equals(key)).findFirst();
        }
    }

    /**
     * An answer to a question.
     *
     * @param key stable within its step
     * @param next the step it leads to
     * @param loop marks an intended way back to an earlier step ("start over"); any other cycle is an error
     */
    public record Option(String key, String label, String next, boolean loop) {}
}
