package org.switchboard.knowledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CaseAssistPageTest {

    @Test
    void theInsertedTextTravelsAsAsciiJsonAndReadsBackUnchanged() {
        String text = "Réinitialiser \"le\" mot\\de passe\n重置密码 — сброс";

        String json = CaseAssistPage.asciiJson(text);

        assertThat(json.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)).isTrue();
        assertThat(JsonMapper.builder().build().readValue(json, String.class)).isEqualTo(text);
    }
}
