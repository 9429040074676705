package org.switchboard.channel.email.web;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.MailboxHealth;

/** A mailbox on the API: the request's fields (no secrets: {@code passwordSet} instead) plus its health. */
record MailboxJson(
        String id,
        String name,
        String address,
        @Nullable String queue,
        Server imap,
        Server smtp,
        String afterImport,
        @Nullable String moveToFolder,
        List<Alias> aliases,
        boolean active,
        MailboxHealth health,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    record Server(
            String host,
            int port,
            String security,
            @Nullable String username,
            boolean passwordSet,
            String auth,
            @Nullable String folder) {}

    record Alias(String address, @Nullable String queue) {}

    static MailboxJson of(Mailbox m, QueueDirectory queues, MailboxHealth health) {
        return new MailboxJson(
                m.id().toString(),
                m.name(),
                m.address(),
                queueName(m.queue(), queues),
                server(m.imap(), m.folder()),
                server(m.smtp(), null),
                m.afterImport().wire(),
                m.moveToFolder(),
                m.aliases().stream()
                        .map(a -> new Alias(a.address(), queueName(a.queue(), queues)))
                        .toList(),
                m.active(),
                health,
                m.createdAt(),
                m.updatedAt(),
                m.version());
    }

    private static Server server(Mailbox.Server s, @Nullable String folder) {
        return new Server(
                s.host(),
                s.port(),
                s.security().wire(),
                s.username(),
                s.secret() != null && !s.secret().isEmpty(),
                s.auth().wire(),
                folder);
    }

    private static @Nullable String queueName(@Nullable QueueId id, QueueDirectory queues) {
        return id == null ? null : queues.find(id).map(QueueRef::name).orElse(id.toString());
    }
}
