package org.switchboard.channel.email.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox as submitted (API or admin form), not yet validated. A null password on an update keeps the
 * stored one.
 */
public record MailboxDraft(
        @Nullable String name,
        @Nullable String address,
        @Nullable String queue,
        ServerDraft imap,
        @Nullable String folder,
        @Nullable String afterImport,
        @Nullable String moveToFolder,
        ServerDraft smtp,
        @Nullable List<AliasDraft> aliases,
        @Nullable Boolean active) {

    public record ServerDraft(
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String security,
            @Nullable String username,
            @Nullable String password,
            @Nullable String auth) {}

    public record AliasDraft(
            @Nullable String address, @Nullable String queue) {}
}
