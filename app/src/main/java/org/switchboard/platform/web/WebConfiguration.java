package org.switchboard.platform.web;

import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.BackdatingClock;
import org.switchboard.platform.SwitchboardProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * API request conventions that apply before any controller: the body size limit and idempotency
 * keys. Both run after Spring Security's filter chain (order -100), so the caller is known.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    Clock clock() {
        return new BackdatingClock(Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(SwitchboardProperties properties, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties.api().maxBodyBytes(), problems));
        registration.setOrder(-200);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            JdbcClient jdbc, JsonMapper json, ProblemWriter problems, Clock clock) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, json, problems, clock));
        registration.setOrder(0);
        return registration;
    }
}
