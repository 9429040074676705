package org.switchboard.routing.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the agent desk socket. Browsers may only open it from Switchboard's own pages (same origin, the
 * default); clients without an {@code Origin} header (integrations with an API token) are not browsers.
 */
@Configuration
@EnableWebSocket
class DeskSocketConfiguration implements WebSocketConfigurer {

    private final AgentDeskSocket desk;

    DeskSocketConfiguration(AgentDeskSocket desk) {
        this.desk = desk;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(desk, "/api/v1/routing/desk", "/routing/desk").addInterceptors(desk);
    }

    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void expireDesks() {
        desk.expire();
    }
}
