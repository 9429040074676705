package org.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void latinTitlesLoseAccentsAndPunctuation() {
        assertThat(Slugs.of("Réinitialiser votre mot de passe !")).isEqualTo("reinitialiser-votre-mot-de-passe");
        assertThat(Slugs.of("  Printer -- offline? ")).isEqualTo("printer-offline");
    }

    @Test
    void otherScriptsKeepTheirLetters() {
        assertThat(Slugs.of("Сброс пароля")).isEqualTo("сброс-пароля");
        assertThat(Slugs.of("如何重置密码？")).isEqualTo("如何重置密码");
    }

    @Test
    void aTitleWithoutLettersStillHasASlugAndLongOnesAreCut() {
        assertThat(Slugs.of("!!!")).isEqualTo("article");
        assertThat(Slugs.of("word ".repeat(40)).length()).isLessThanOrEqualTo(Slugs.MAX);
    }
}
