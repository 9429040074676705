package org.switchboard.platform.web;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.switchboard.platform.SwitchboardProperties;

/** Tells the operator where Switchboard answers once it is ready, and how long the start took. */
@Component
class ReadyAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncement.class);
    private final SwitchboardProperties properties;

    ReadyAnnouncement(SwitchboardProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String url = properties.publicUrl();
        if (url == null || url.isBlank()) {
            int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                    ? web.getWebServer().getPort()
                    : 8080;
            url = "http://localhost:" + port + "/";
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("Switchboard is ready at {} (JVM start to ready: {} ms)", url, uptime);
    }
}
