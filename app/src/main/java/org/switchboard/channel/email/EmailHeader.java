package org.switchboard.channel.email;

/**
 * One header field of the top-level message.
 *
 * @param name the field name as written
 * @param value the unfolded value with RFC 2047 encoded-words decoded
 */
public record EmailHeader(String name, String value) {}
