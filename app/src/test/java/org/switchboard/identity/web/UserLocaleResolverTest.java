package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class UserLocaleResolverTest {

    private final UserLocaleResolver anonymous = new UserLocaleResolver(request -> Optional.empty());

    @Test
    void theSignedInUsersChoiceWinsOverEverythingElse() {
        var resolver = new UserLocaleResolver(request -> Optional.of(Locale.forLanguageTag("ru")));
        var request = new MockHttpServletRequest();
        request.setParameter("lang", "fr");
        request.addHeader("Accept-Language", "zh-CN");
        assertThat(resolver.resolveLocale(request).getLanguage()).isEqualTo("ru");
    }

    @Test
    void langParameterIsRememberedInTheSession() {
        var request = new MockHttpServletRequest();
        request.setParameter("lang", "zh");
        assertThat(anonymous.resolveLocale(request).getLanguage()).isEqualTo("zh");

        var next = new MockHttpServletRequest();
        next.setSession(request.getSession());
        next.addHeader("Accept-Language", "fr");
        assertThat(anonymous.resolveLocale(next).getLanguage()).isEqualTo("zh");
    }

    @Test
    void theBrowsersFirstSupportedLanguageApplies() {
        var request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "de-DE,fr-CA;q=0.8,en;q=0.5");
        request.setPreferredLocales(java.util.List.of(Locale.GERMANY, Locale.CANADA_FRENCH, Locale.ENGLISH));
        assertThat(anonymous.resolveLocale(request).getLanguage()).isEqualTo("fr");
    }

    @Test
    void unsupportedLanguagesFallBackToEnglish() {
        var request = new MockHttpServletRequest();
        request.setParameter("lang", "de");
        request.addHeader("Accept-Language", "de");
        request.setPreferredLocales(java.util.List.of(Locale.GERMAN));
        assertThat(anonymous.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
        assertThat(anonymous.resolveLocale(new MockHttpServletRequest())).isEqualTo(Locale.ENGLISH);
    }
}
