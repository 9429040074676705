/**
 * The agent desktop: web pages that compose the case, customer, identity and routing views for an agent
 * (home with "my cases" and queue views, case lists, the case page with its timeline and composer, customer
 * pages), live updates over server-sent events and the collision warning when two agents work on one case.
 * It only calls the other modules' facades ({@code Cases}, {@code Customers}, {@code Users},
 * {@code QueueDirectory}) and listens to the case events; it owns no tables.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.desk;
