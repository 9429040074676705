package org.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class SecretTokensTest {

    @Test
    void apiTokensArePrefixedBase64urlOf32RandomBytes() {
        String token = SecretTokens.newApiToken();
        assertThat(token).startsWith("sb_").hasSize(3 + 43).matches("sb_[A-Za-z0-9_-]{43}");
        assertThat(SecretTokens.looksLikeApiToken(token)).isTrue();
    }

    @Test
    void tokensAreNotRepeated() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(SecretTokens.newSecret())).isTrue();
        }
    }

    @Test
    void otherStringsDoNotLookLikeApiTokens() {
        assertThat(SecretTokens.looksLikeApiToken("sb_short")).isFalse();
        assertThat(SecretTokens.looksLikeApiToken("xx_" + SecretTokens.newSecret()))
                .isFalse();
        assertThat(SecretTokens.looksLikeApiToken("sb_" + "!".repeat(43))).isFalse();
        assertThat(SecretTokens.looksLikeApiToken(null)).isFalse();
    }

    @Test
    void theStoredHashIsTheSha256InHex() {
        // SHA-256("abc") from FIPS 180-2
        assertThat(SecretTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = SecretTokens.newApiToken();
        assertThat(SecretTokens.hash(token))
                .hasSize(64)
                .isEqualTo(SecretTokens.hash(token))
                .doesNotContain(token);
    }
}
