/**
 * The append-only interaction-event log (the source of truth for KPIs), the integrators' event feed,
 * and later dashboards and reports. Only listens to other modules' events; never reads their tables
 * and calls nothing that changes state.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.analytics;
