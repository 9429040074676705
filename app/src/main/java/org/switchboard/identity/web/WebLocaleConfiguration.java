package org.switchboard.identity.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.switchboard.identity.internal.UserPreferences;

@Configuration(proxyBeanMethods = false)
class WebLocaleConfiguration {

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver(UserPreferences preferences) {
        return new UserLocaleResolver(request -> preferences.current(request).map(UserPreferences.Preferences::locale));
    }
}
