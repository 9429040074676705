/**
 * Customers, organizations, channel identities (email, phone, chat visitor, portal account), tiers,
 * merging and the customer's 360 view. The {@link org.switchboard.customer.Customers} facade is the
 * module's API. Depends on {@code platform} and {@code identity} (audit) only; knows nothing of cases.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.customer;
