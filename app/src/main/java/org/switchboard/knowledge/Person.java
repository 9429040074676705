package org.switchboard.knowledge;

import org.switchboard.identity.UserId;

/** A user as shown on an article (owner, author of a revision). */
public record Person(UserId id, String name) {}
