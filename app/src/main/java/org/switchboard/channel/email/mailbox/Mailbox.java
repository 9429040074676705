package org.switchboard.channel.email.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.QueueId;

/**
 * A configured mailbox with its credentials decrypted (never serialized as is: the API shows {@link
 * MailboxJson}).
 *
 * @param queue where its mail is filed unless an alias says otherwise
 * @param aliases other addresses delivered into it (e.g. {@code support+billing@example.com}) and their queues
 */
public record Mailbox(
        UUID id,
        String name,
        String address,
        @Nullable QueueId queue,
        Server imap,
        String folder,
        AfterImport afterImport,
        @Nullable String moveToFolder,
        Server smtp,
        List<Alias> aliases,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public enum Security {
        NONE,
        STARTTLS,
        SSL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a server authenticates us: a password, or an OAuth 2 access token (SASL XOAUTH2). */
    public enum Auth {
        PASSWORD,
        XOAUTH2;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What happens to a message on the server once it is safely stored. */
    public enum AfterImport {
        /** Set \Seen (and keep the message where it is). */
        FLAG,
        /** Move it to {@link Mailbox#moveToFolder()}. */
        MOVE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param secret the password or access token, decrypted; null when the server needs none (SMTP relay)
     */
    public record Server(
            String host,
            int port,
            Security security,
            @Nullable String username,
            @Nullable String secret,
            Auth auth) {}

    /** @param queue null: the mailbox's own queue */
    public record Alias(String address, @Nullable QueueId queue) {}
}
