/**
 * Users, roles, teams, agent profiles (skills, languages, capacity), authentication (sessions, API
 * tokens, Basic), invitations and password resets, and the audit log. Depends on {@code platform}
 * only; knows nothing of cases or queues.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.identity;
