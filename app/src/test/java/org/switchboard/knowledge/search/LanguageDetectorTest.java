package org.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void scriptDecidesForNonLatinText() {
        assertThat(LanguageDetector.detect("如何查询物流信息")).isEqualTo("zh");
        assertThat(LanguageDetector.detect("Как сменить пароль?")).isEqualTo("ru");
        assertThat(LanguageDetector.detect("Як змінити пароль і логін?")).isEqualTo("uk");
        assertThat(LanguageDetector.detect("パスワードを変更する")).isEqualTo("ja");
        // A product name in Latin letters doesn't outweigh the Chinese around it.
        assertThat(LanguageDetector.detect("iPhone 无法连接")).isEqualTo("zh");
    }

    @Test
    void functionWordsDecideForLatinText() {
        assertThat(LanguageDetector.detect("How do I delete my account?")).isEqualTo("en");
        assertThat(LanguageDetector.detect("Comment changer le mot de passe de mon compte"))
                .isEqualTo("fr");
        assertThat(LanguageDetector.detect("Wie ändere ich das Passwort für mein Konto"))
                .isEqualTo("de");
    }

    @Test
    void shortLatinQueriesWithoutEvidenceTryEveryLatinAnalysisEnglishFirst() {
        var candidates = LanguageDetector.candidates("reset password");
        assertThat(candidates).first().isEqualTo("en");
        assertThat(candidates).contains("fr", "de", "es");
        assertThat(LanguageDetector.detect("reset password")).isNull();
        assertThat(LanguageDetector.candidates("12345 !!")).isEmpty();
    }

    @Test
    void lettersInsideCodesAndModelNumbersAreNotFunctionWords() {
        // Split at the digits, "x5de" and "0x80070da5" would read as Dutch "de" and Portuguese "da",
        // and the query would be searched in that language's analysis only.
        assertThat(LanguageDetector.candidates("zq3de45f10")).first().isEqualTo("en");
        assertThat(LanguageDetector.detect("router x5de")).isNull();
        assertThat(LanguageDetector.detect("error 0x80070da5")).isNull();
        assertThat(LanguageDetector.detect("erreur 0x80070da5 sur le routeur")).isEqualTo("fr");
    }
}
