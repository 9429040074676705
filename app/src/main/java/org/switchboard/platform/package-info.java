/**
 * What every module shares and nothing owns: configuration, the database (embedded or external),
 * paging, idempotency and the RFC 9457 error conventions of the API. Holds no business data and
 * depends on no other module.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.platform;
