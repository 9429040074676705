package org.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.identity.Role;
import org.switchboard.platform.InvalidInputException;

class ProfileRulesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void proficiencyFromOneToFiveIsAccepted(int value) {
        assertThat(ProfileRules.proficiency(value, "skills[0].proficiency")).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1, 100})
    void proficiencyOutsideOneToFiveIsRefusedNamingTheField(int value) {
        assertThatThrownBy(() -> ProfileRules.proficiency(value, "skills[2].proficiency"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().getFirst().field()).isEqualTo("skills[2].proficiency"));
    }

    @Test
    void missingProficiencyIsRefused() {
        assertThatThrownBy(() -> ProfileRules.proficiency(null, "p")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void languagesAreIso6391Codes() {
        assertThat(ProfileRules.language("fr", "languages[0]")).isEqualTo("fr");
        assertThat(ProfileRules.language("zh", "languages[0]")).isEqualTo("zh");
        for (String bad : new String[] {"FR", "fra", "xx", "", "en-US"}) {
            assertThatThrownBy(() -> ProfileRules.language(bad, "languages[1]"))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("languages[1]");
        }
    }

    @Test
    void rolesAreLowerCaseWords() {
        assertThat(ProfileRules.role("supervisor", "role")).isEqualTo(Role.SUPERVISOR);
        assertThat(ProfileRules.wire(Role.ADMIN)).isEqualTo("admin");
        assertThatThrownBy(() -> ProfileRules.role("ADMIN", "role")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ProfileRules.role("root", "role")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void timeZonesMustExist() {
        assertThat(ProfileRules.timeZone("Europe/Paris", "timeZone")).isEqualTo("Europe/Paris");
        assertThatThrownBy(() -> ProfileRules.timeZone("Mars/Olympus", "timeZone"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("timeZone");
    }

    @Test
    void skillNamesAreShortLowerCaseWords() {
        assertThat(ProfileRules.skillName(" Billing ", "name")).isEqualTo("billing");
        assertThatThrownBy(() -> ProfileRules.skillName("two words", "name")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ProfileRules.skillName("x".repeat(41), "name"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void passwordsFitBcrypt() {
        assertThat(ProfileRules.password("12345678", "password")).isEqualTo("12345678");
        assertThatThrownBy(() -> ProfileRules.password("short", "password")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ProfileRules.password("é".repeat(37), "password"))
                .isInstanceOf(InvalidInputException.class);
    }
}
