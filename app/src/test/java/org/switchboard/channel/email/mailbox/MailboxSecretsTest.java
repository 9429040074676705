package org.switchboard.channel.email.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.platform.SwitchboardProperties;

class MailboxSecretsTest {

    @TempDir
    Path dir;

    private MailboxSecrets secrets(String key) {
        var switchboard = new SwitchboardProperties(dir, false, null, null, null, null);
        var properties = new EmailChannelProperties(key, null, null);
        return new MailboxSecrets(properties, switchboard);
    }

    @Test
    void aSecretIsSealedWithAFreshIvAndOpensAgain() {
        MailboxSecrets secrets = secrets(Base64.getEncoder().encodeToString(new byte[32]));
        byte[] one = secrets.encrypt("app-password");
        byte[] two = secrets.encrypt("app-password");
        assertThat(one).isNotEqualTo(two);
        assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain("app-password");
        assertThat(secrets.decrypt(one)).isEqualTo("app-password");
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] sealed =
                secrets(Base64.getEncoder().encodeToString(new byte[32])).encrypt("x");
        byte[] other = new byte[32];
        other[0] = 1;
        MailboxSecrets wrong = secrets(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> wrong.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceAndKept() throws Exception {
        byte[] sealed = secrets("").encrypt("token");
        assertThat(Files.exists(dir.resolve("email-secret.key"))).isTrue();
        assertThat(secrets(null).decrypt(sealed)).isEqualTo("token");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> secrets(Base64.getEncoder().encodeToString(new byte[7])))
                .hasMessageContaining("16, 24 or 32 bytes");
    }
}
