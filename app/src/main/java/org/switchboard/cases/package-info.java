/**
 * Cases, interactions, messages, attachments, tags, dispositions, canned responses and the case
 * timeline. Depends on {@code customer} and {@code identity}; declares {@link
 * org.switchboard.cases.QueueDirectory}, which {@code routing} implements.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.cases;
