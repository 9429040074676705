package org.switchboard.identity.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.switchboard.platform.SwitchboardProperties;

/** Where users reach Switchboard: {@code switchboard.public-url}, else the current request's base URL. */
@Component
class PublicUrl {

    private final SwitchboardProperties properties;

    PublicUrl(SwitchboardProperties properties) {
        this.properties = properties;
    }

    String base() {
        String configured = properties.publicUrl();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
