package org.switchboard.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Mails invitation and password-reset links when mail is configured ({@code spring.mail.host},
 * environment {@code SWITCHBOARD_SMTP_HOST}). Without it nothing is sent: an invitation link is then
 * shown to the admin who created it; a password-reset link is never shown to anyone.
 */
@Component
public class LinkMailer {

    private static final Logger log = LoggerFactory.getLogger(LinkMailer.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final IdentityProperties properties;

    LinkMailer(ObjectProvider<JavaMailSender> senders, IdentityProperties properties) {
        this.senders = senders;
        this.properties = properties;
    }

    /** Whether a mail server is configured. */
    public boolean configured() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            return false;
        }
        // The mail auto-configuration is active for any value of spring.mail.host, even an empty one
        return !(sender instanceof JavaMailSenderImpl impl)
                || (impl.getHost() != null && !impl.getHost().isBlank());
    }

    /** Sends a mail; false when mail is not configured or the server refused it (logged). */
    boolean send(String to, String subject, String text) {
        if (!configured() || to == null) {
            return false;
        }
        var message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            senders.getObject().send(message);
            return true;
        } catch (MailException e) {
            log.warn("Could not send a mail ({}): {}", subject, e.getMessage());
            return false;
        }
    }
}
