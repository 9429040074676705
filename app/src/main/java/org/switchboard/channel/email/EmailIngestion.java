package org.switchboard.channel.email;

/**
 * Ingests mail on demand. Mailboxes are watched on their own (IMAP IDLE or polling); this is for tools,
 * tests and checks that need every message of a mailbox processed now, e.g. a dataset delivered to a
 * mailbox in arrival order.
 */
public interface EmailIngestion {

    /**
     * Fetches, stores and processes every new message of the mailbox (by id, name or address) and flags
     * or moves it on the server, synchronously.
     *
     * @return how many messages became case messages
     * @throws org.switchboard.platform.NotFoundException unknown mailbox
     * @throws IllegalStateException the server could not be reached (recorded on the mailbox's health)
     */
    int ingestNow(String mailbox);
}
