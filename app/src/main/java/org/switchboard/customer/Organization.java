package org.switchboard.customer;

import java.util.UUID;

/**
 * The company a customer belongs to. Names are unique, compared case-insensitively.
 *
 * @param emailDomain when set, new customers identified by an email address of this domain join it
 */
public record Organization(UUID id, String name, String emailDomain) {}
