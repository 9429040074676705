package org.switchboard.routing.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * Validates a {@link QueueDraft}. Teams and skills are identity's: whether one exists is asked through
 * the predicates (in production {@code Users.teamExists} and {@code Users.skillExists}). Problems name
 * their fields as the API spells them, e.g. {@code requiredSkills[1].skill}.
 */
public final class QueueRules {

    public static final int MAX_NAME = 100;
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    /** A draft that passed validation, with its values normalized. */
    public record ValidQueue(
            String name,
            TeamId team,
            List<Queue.RequiredSkill> requiredSkills,
            @Nullable String language,
            int basePriority,
            boolean active) {}

    private final Predicate<TeamId> teamExists;
    private final Predicate<String> skillExists;

    public QueueRules(Predicate<TeamId> teamExists, Predicate<String> skillExists) {
        this.teamExists = teamExists;
        this.skillExists = skillExists;
    }

    public ValidQueue validate(QueueDraft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = draft.name() == null ? null : draft.name().strip();
        if (name == null || name.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("name", "must not contain control characters"));
        }
        TeamId team = team(draft.team(), problems);
        List<Queue.RequiredSkill> skills = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < draft.requiredSkills().size(); i++) {
            QueueDraft.Skill skill = draft.requiredSkills().get(i);
            String field = "requiredSkills[" + i + "]";
            String skillName = skill.skill() == null ? null : skill.skill().strip();
            boolean valid = true;
            if (skillName == null || skillName.isEmpty()) {
                problems.add(new FieldProblem(field + ".skill", "is required"));
                valid = false;
            } else if (!seen.add(skillName.toLowerCase(Locale.ROOT))) {
                problems.add(new FieldProblem(field + ".skill", "is listed twice"));
                valid = false;
            } else if (!skillExists.test(skillName)) {
                problems.add(new FieldProblem(field + ".skill", "is not a skill of the skill catalog"));
                valid = false;
            }
            Integer proficiency = skill.minProficiency();
            if (proficiency == null) {
                problems.add(new FieldProblem(field + ".minProficiency", "is required"));
                valid = false;
            } else if (proficiency < 1 || proficiency > 5) {
                problems.add(new FieldProblem(field + ".minProficiency", "must be between 1 and 5"));
                valid = false;
            }
            if (valid) {
                skills.add(new Queue.RequiredSkill(skillName, proficiency));
            }
        }
        String language =
                draft.language() == null ? null : draft.language().strip().toLowerCase(Locale.ROOT);
        if (language != null && language.isEmpty()) {
            language = null;
        }
        if (language != null && (language.length() != 2 || !LANGUAGES.contains(language))) {
            problems.add(new FieldProblem("language", "is not an ISO 639-1 language code such as en or fr"));
        }
        int priority = draft.basePriority() == null ? 0 : draft.basePriority();
        if (priority < 0 || priority > 100) {
            problems.add(new FieldProblem("basePriority", "must be between 0 and 100"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ValidQueue(
                name, team, List.copyOf(skills), language, priority, draft.active() == null || draft.active());
    }

    private @Nullable TeamId team(@Nullable String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("team", "is required"));
            return null;
        }
        TeamId team;
        try {
            team = new TeamId(UUID.fromString(raw.strip()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("team", "is not a team id"));
            return null;
        }
        if (!teamExists.test(team)) {
            problems.add(new FieldProblem("team", "is not a known team"));
            return null;
        }
        return team;
    }
}
