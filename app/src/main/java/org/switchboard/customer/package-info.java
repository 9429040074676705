/**
 * Customers, organizations, channel identities (email, phone, chat visitor, portal account), tiers,
 * merging and the customer's 360 view. Depends on {@code platform} and {@code identity} (audit) only.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.customer;
