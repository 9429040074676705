package org.switchboard.channel.email;

import java.util.Set;

/**
 * What the classifier needs to know about Switchboard's side.
 *
 * @param mailboxAddresses every address of every configured mailbox (aliases included), lower-case
 * @param agentAddresses the email addresses of agents, lower-case
 */
public record ClassificationContext(Set<String> mailboxAddresses, Set<String> agentAddresses) {

    public ClassificationContext {
        mailboxAddresses = Set.copyOf(mailboxAddresses);
        agentAddresses = Set.copyOf(agentAddresses);
    }

    public static ClassificationContext of(Set<String> mailboxAddresses, Set<String> agentAddresses) {
        return new ClassificationContext(mailboxAddresses, agentAddresses);
    }
}
