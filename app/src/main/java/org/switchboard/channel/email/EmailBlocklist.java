package org.switchboard.channel.email;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;

/**
 * The administrator's blocklist of senders and domains, applied by {@link EmailClassifier}. Also served
 * at {@code /api/v1/channels/email/blocklist} and on the admin page {@code /admin/email/blocklist}.
 */
public interface EmailBlocklist {

    List<BlockedSender> list();

    /**
     * Blocks an address or a domain (a leading {@code @} or {@code *.} is dropped). Adding an existing
     * pattern returns the existing entry.
     *
     * @throws org.switchboard.platform.InvalidInputException a pattern that is neither (field {@code
     *     pattern})
     */
    BlockedSender add(String pattern, @Nullable String note, Actor actor);

    /** Removes an entry; removing an unknown one is a {@link org.switchboard.platform.NotFoundException}. */
    void remove(UUID id, Actor actor);

    /** The entry blocking this address: the address itself, its domain or a parent domain. */
    Optional<BlockedSender> match(EmailAddress address);
}
