package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

class LiteralPrefixHandlerMappingTest {

    private final LiteralPrefixHandlerMapping.PrefixFilteringMapping mapping =
            new LiteralPrefixHandlerMapping.PrefixFilteringMapping();

    private static RequestMappingInfo info(RequestMethod method, String... patterns) {
        var options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(PathPatternParser.defaultInstance);
        return RequestMappingInfo.paths(patterns)
                .methods(method)
                .options(options)
                .build();
    }

    private static MockHttpServletRequest request(String method, String path) {
        var request = new MockHttpServletRequest(method, path);
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    @Test
    void theLiteralStartEndsAtTheFirstVariableOrWildcard() {
        assertThat(LiteralPrefixHandlerMapping.PrefixFilteringMapping.literalStart("/api/v1/offers/{id}/accept"))
                .isEqualTo("/api/v1/offers/");
        assertThat(LiteralPrefixHandlerMapping.PrefixFilteringMapping.literalStart("/css/**"))
                .isEqualTo("/css/");
        assertThat(LiteralPrefixHandlerMapping.PrefixFilteringMapping.literalStart("/api/v1/queues"))
                .isEqualTo("/api/v1/queues");
        assertThat(LiteralPrefixHandlerMapping.PrefixFilteringMapping.literalStart("{*path}"))
                .isEmpty();
    }

    /** Stands for controllers. */
    public static final class Handlers {
        public void accept() {}

        public void complete() {}

        public void anything() {}
    }

    private String handlerFor(String method, String path) throws Exception {
        HandlerExecutionChain chain = mapping.getHandler(request(method, path));
        return chain == null
                ? null
                : ((HandlerMethod) chain.getHandler()).getMethod().getName();
    }

    @Test
    void findsTheHandlerTheFullEvaluationFinds() throws Exception {
        var handlers = new Handlers();
        mapping.registerMapping(
                info(RequestMethod.POST, "/api/v1/offers/{id}/accept"), handlers, Handlers.class.getMethod("accept"));
        mapping.registerMapping(
                info(RequestMethod.POST, "/api/v1/work-items/{id}/complete"),
                handlers,
                Handlers.class.getMethod("complete"));

        assertThat(handlerFor("POST", "/api/v1/offers/42/accept")).isEqualTo("accept");
        assertThat(handlerFor("POST", "/api/v1/work-items/42/complete")).isEqualTo("complete");
        assertThat(handlerFor("POST", "/api/v1/offers/42/complete")).isNull();
        // "%6F" is "o": the raw text does not start with the literal, the decoded path matches
        assertThat(handlerFor("POST", "/api/v1/%6Fffers/42/accept")).isEqualTo("accept");
    }

    @Test
    void aMappingWithoutALiteralStartIsAlwaysEvaluated() throws Exception {
        mapping.registerMapping(
                info(RequestMethod.GET, "/{*path}"), new Handlers(), Handlers.class.getMethod("anything"));

        assertThat(handlerFor("GET", "/anything/at/all")).isEqualTo("anything");
    }
}
