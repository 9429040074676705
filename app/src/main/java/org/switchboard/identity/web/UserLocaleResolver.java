package org.switchboard.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The UI language: the signed-in user's choice; otherwise {@code ?lang=} (remembered in the session);
 * otherwise the browser's {@code Accept-Language}; among English, French, Chinese and Russian,
 * English when none matches.
 */
class UserLocaleResolver implements LocaleResolver {

    static final List<Locale> SUPPORTED =
            List.of(Locale.ENGLISH, Locale.FRENCH, Locale.CHINESE, Locale.forLanguageTag("ru"));
    private static final String SESSION_ATTRIBUTE = UserLocaleResolver.class.getName() + ".locale";

    private final Function<HttpServletRequest, Optional<Locale>> chosen;

    /** @param chosen the signed-in user's chosen locale, empty when anonymous */
    UserLocaleResolver(Function<HttpServletRequest, Optional<Locale>> chosen) {
        this.chosen = chosen;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        var own = chosen.apply(request);
        if (own.isPresent()) {
            return supported(own.get());
        }
        String lang = request.getParameter("lang");
        if (lang != null) {
            Locale requested = match(Locale.forLanguageTag(lang));
            if (requested != null) {
                request.getSession().setAttribute(SESSION_ATTRIBUTE, requested);
                return requested;
            }
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Locale remembered) {
            return remembered;
        }
        if (request.getHeader("Accept-Language") != null) {
            var browser = request.getLocales();
            while (browser.hasMoreElements()) {
                Locale match = match(browser.nextElement());
                if (match != null) {
                    return match;
                }
            }
        }
        return Locale.ENGLISH;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale match = locale == null ? null : match(locale);
        request.getSession().setAttribute(SESSION_ATTRIBUTE, match == null ? Locale.ENGLISH : match);
    }

    private static Locale supported(Locale locale) {
        Locale match = match(locale);
        return match == null ? Locale.ENGLISH : match;
    }

    private static Locale match(Locale locale) {
        for (Locale candidate : SUPPORTED) {
            if (candidate.getLanguage().equals(locale.getLanguage())) {
                return candidate;
            }
        }
        return null;
    }
}
