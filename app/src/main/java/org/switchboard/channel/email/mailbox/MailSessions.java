package org.switchboard.channel.email.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Jakarta Mail sessions for a mailbox's servers: plain, STARTTLS (required, never silently plain) or
 * implicit TLS; password or SASL XOAUTH2 with the configured access token; bounded timeouts.
 */
@Component
public class MailSessions {

    private final EmailChannelProperties properties;

    /**
     * Sessions by their settings (protocol, security, authentication, timeouts — never credentials, which
     * go to connect): creating one reads Jakarta Mail's provider files, which costs more than a message.
     */
    private final Map<Map<Object, Object>, Session> sessions = new ConcurrentHashMap<>();

    MailSessions(EmailChannelProperties properties) {
        this.properties = properties;
    }

    /** A connected IMAP store. */
    public IMAPStore connectImap(Mailbox mailbox) throws MessagingException {
        Mailbox.Server imap = mailbox.imap();
        String protocol = imap.security() == Mailbox.Security.SSL ? "imaps" : "imap";
        Session session = session(common(protocol, imap));
        Store store = session.getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.username(), imap.secret());
        return (IMAPStore) store;
    }

    /** A connected SMTP transport (and its session, for building messages). */
    public Connected connectSmtp(Mailbox mailbox) throws MessagingException {
        Mailbox.Server smtp = mailbox.smtp();
        String protocol = smtp.security() == Mailbox.Security.SSL ? "smtps" : "smtp";
        Properties p = common(protocol, smtp);
        p.put("mail." + protocol + ".auth", Boolean.toString(smtp.username() != null));
        Session session = session(p);
        Transport transport = session.getTransport(protocol);
        transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.secret());
        return new Connected(session, transport);
    }

    public record Connected(Session session, Transport transport) implements AutoCloseable {
        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection
            }
        }
    }

    /** Tries both servers; each result is null when it worked, else the error. */
    public ConnectionTest test(Mailbox mailbox) {
        String imapError = null;
        Boolean idle = null;
        Integer messages = null;
        try (IMAPStore store = connectImap(mailbox)) {
            idle = store.hasCapability("IDLE");
            Folder folder = store.getFolder(mailbox.folder());
            if (!folder.exists()) {
                imapError = "The folder " + mailbox.folder() + " does not exist";
            } else {
                folder.open(Folder.READ_ONLY);
                messages = folder.getMessageCount();
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            imapError = describe(e);
        }
        String smtpError = null;
        try (Connected ignored = connectSmtp(mailbox)) {
            // connected and authenticated
        } catch (MessagingException | RuntimeException e) {
            smtpError = describe(e);
        }
        return new ConnectionTest(imapError == null, imapError, idle, messages, smtpError == null, smtpError);
    }

    /**
     * @param idle whether the IMAP server offers IDLE (push); null when it could not be asked
     * @param messages the number of messages in the folder
     */
    public record ConnectionTest(
            boolean imapOk,
            @Nullable String imapError,
            @Nullable Boolean idle,
            @Nullable Integer messages,
            boolean smtpOk,
            @Nullable String smtpError) {}

    /** A short, credential-free description of a connection error. */
    public static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(
                    t.getMessage() == null
                            ? t.getClass().getSimpleName()
                            : t.getMessage().strip());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() > 300 ? text.substring(0, 300) : text.toString();
    }

    private Session session(Properties settings) {
        return sessions.computeIfAbsent(Map.copyOf(settings), key -> Session.getInstance(settings));
    }

    private Properties common(String protocol, Mailbox.Server server) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(properties.fetch().timeout().toMillis());
        p.put(prefix + "connectiontimeout", timeout);
        p.put(prefix + "timeout", timeout);
        p.put(prefix + "writetimeout", timeout);
        if (server.security() == Mailbox.Security.STARTTLS) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        if (server.security() != Mailbox.Security.NONE) {
            p.put(prefix + "ssl.checkserveridentity", "true");
        }
        if (server.auth() == Mailbox.Auth.XOAUTH2) {
            p.put(prefix + "auth.mechanisms", "XOAUTH2");
            p.put(prefix + "auth.xoauth2.disable", "false");
            p.put(prefix + "sasl.mechanisms", "XOAUTH2");
        }
        // fetch whole messages in large chunks: one round trip per message body
        p.put(prefix + "fetchsize", Integer.toString(1 << 20));
        p.put(prefix + "partialfetch", "false");
        return p;
    }
}
