package org.switchboard.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

class QueueRulesTest {

    private final TeamId billingTeam = new TeamId(UUID.randomUUID());
    private final Set<String> catalog = Set.of("billing", "french");
    private final QueueRules rules = new QueueRules(billingTeam::equals, s -> catalog.contains(s.toLowerCase()));

    private QueueDraft draft(
            String name, String team, List<QueueDraft.Skill> skills, String language, Integer priority) {
        return new QueueDraft(name, team, skills, language, priority, null);
    }

    @Test
    void aValidDraftIsNormalized() {
        var valid = rules.validate(
                draft(" Billing FR ", billingTeam.toString(), List.of(new QueueDraft.Skill("Billing", 3)), "FR", 40));
        assertThat(valid.name()).isEqualTo("Billing FR");
        assertThat(valid.team()).isEqualTo(billingTeam);
        assertThat(valid.requiredSkills()).containsExactly(new Queue.RequiredSkill("Billing", 3));
        assertThat(valid.language()).isEqualTo("fr");
        assertThat(valid.basePriority()).isEqualTo(40);
        assertThat(valid.active()).isTrue();
    }

    @Test
    void defaultsArePriorityZeroAnyLanguageActive() {
        var valid = rules.validate(draft("General", billingTeam.toString(), List.of(), null, null));
        assertThat(valid.basePriority()).isZero();
        assertThat(valid.language()).isNull();
        assertThat(valid.active()).isTrue();
    }

    @Test
    void unknownTeamsAndSkillsAreNamedByField() {
        assertThatThrownBy(() -> rules.validate(draft(
                        "Q",
                        UUID.randomUUID().toString(),
                        List.of(new QueueDraft.Skill("billing", 2), new QueueDraft.Skill("juggling", 2)),
                        null,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("team", "requiredSkills[1].skill"));
    }

    @Test
    void reportsEveryInvalidField() {
        assertThatThrownBy(() -> rules.validate(draft(
                        "",
                        "not-a-uuid",
                        List.of(
                                new QueueDraft.Skill("billing", 0),
                                new QueueDraft.Skill("BILLING", 6),
                                new QueueDraft.Skill(null, null)),
                        "english",
                        101)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly(
                                        "name",
                                        "team",
                                        "requiredSkills[0].minProficiency",
                                        "requiredSkills[1].skill",
                                        "requiredSkills[1].minProficiency",
                                        "requiredSkills[2].skill",
                                        "requiredSkills[2].minProficiency",
                                        "language",
                                        "basePriority"));
    }

    @Test
    void proficiencyBoundsAreOneAndFive() {
        for (int level : new int[] {1, 5}) {
            assertThat(rules.validate(draft(
                                    "Q",
                                    billingTeam.toString(),
                                    List.of(new QueueDraft.Skill("french", level)),
                                    null,
                                    100))
                            .requiredSkills())
                    .hasSize(1);
        }
    }
}
