package org.switchboard.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port against a real PostgreSQL, configured exactly as users run
 * it: the embedded server (data under {@code target/it-data}) unless {@code SWITCHBOARD_DB_URL}
 * points at an external one. Demo data is off so tests see only what they create.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.data-dir=target/it-data", "switchboard.demo-data=false"})
public @interface SwitchboardIntegrationTest {}
