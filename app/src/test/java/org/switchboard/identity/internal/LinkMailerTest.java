package org.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class LinkMailerTest {

    private final IdentityProperties properties = new IdentityProperties(
            10,
            Duration.ofDays(7),
            Duration.ofHours(1),
            "switchboard@example.test",
            new IdentityProperties.Login(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)));

    @Test
    void withoutAMailSenderNothingIsSent() {
        var mailer = new LinkMailer(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), properties);
        assertThat(mailer.configured()).isFalse();
        assertThat(mailer.send("a@example.test", "s", "t")).isFalse();
    }

    @Test
    void aSenderWithoutHostIsNotConfigured() {
        var mailer = mailerWith(new RecordingSender(null));
        assertThat(mailer.configured()).isFalse();
    }

    @Test
    void aSenderWithAHostSendsFromTheConfiguredAddress() {
        var sender = new RecordingSender("smtp.example.test");
        var mailer = mailerWith(sender);

        assertThat(mailer.configured()).isTrue();
        assertThat(mailer.send("agent@example.test", "Your account", "link")).isTrue();

        assertThat(sender.sent).hasSize(1);
        SimpleMailMessage message = sender.sent.getFirst();
        assertThat(message.getFrom()).isEqualTo("switchboard@example.test");
        assertThat(message.getTo()).containsExactly("agent@example.test");
        assertThat(message.getText()).isEqualTo("link");
    }

    private LinkMailer mailerWith(JavaMailSender sender) {
        var beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        return new LinkMailer(beans.getBeanProvider(JavaMailSender.class), properties);
    }

    /** Spring's own sender with its network send replaced by recording. */
    static final class RecordingSender extends JavaMailSenderImpl {
        final List<SimpleMailMessage> sent = new ArrayList<>();

        RecordingSender(String host) {
            setHost(host);
        }

        @Override
        public void send(SimpleMailMessage... messages) {
            sent.addAll(List.of(messages));
        }
    }
}
