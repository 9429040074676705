package org.switchboard.platform.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reports how many SQL statements each request executed: a Micrometer distribution
 * ({@code switchboard.http.sql.statements}) and, for GET requests, the response header
 * {@code X-SQL-Statements} (set before the body is written, so it counts the work of the controller).
 * List views are budgeted at a fixed number of statements whatever the page size.
 */
@Configuration(proxyBeanMethods = false)
class StatementCountFilter {

    static final String HEADER = "X-SQL-Statements";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> statementCountingFilter(MeterRegistry registry) {
        DistributionSummary summary = DistributionSummary.builder("switchboard.http.sql.statements")
                .description("SQL statements executed per HTTP request")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        var filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                StatementCounter.reset();
                var counted = new jakarta.servlet.http.HttpServletResponseWrapper(response) {
                    private boolean reported;

                    private void report() {
                        if (!reported) {
                            reported = true;
                            setHeader(HEADER, Integer.toString(StatementCounter.current()));
                        }
                    }

                    @Override
                    public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
                        report();
                        return super.getOutputStream();
                    }

                    @Override
                    public java.io.PrintWriter getWriter() throws IOException {
                        report();
                        return super.getWriter();
                    }
                };
                try {
                    chain.doFilter(request, counted);
                } finally {
                    summary.record(StatementCounter.current());
                }
            }
        };
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
