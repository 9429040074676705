package org.switchboard.cases;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Makes the {@code @Fallback} stand-ins available to every test context of this branch (including
 * tests of other modules that start the whole application), since the beans they stand in for are
 * implemented on other branches. Harmless after the merge: the real beans take precedence.
 *
 * @see InMemoryQueues
 * @see StandInCollaborators
 */
@Configuration(proxyBeanMethods = false)
@Import({InMemoryQueues.class, StandInCollaborators.class})
class StandInsForOtherBranches {}
