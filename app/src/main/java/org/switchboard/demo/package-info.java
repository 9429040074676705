/**
 * The demo company loaded on the first start of a new embedded database: agents, teams, queues,
 * customers and a month of cases across channels, generated through the other modules' public APIs
 * (never their tables). Nothing depends on this module.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.demo;
