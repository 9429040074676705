package org.switchboard.knowledge;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A knowledge search.
 *
 * @param text what the reader typed (1 to 1,000 characters); {@code "quoted words"} are a phrase
 * @param language ISO 639-1 code of the query, or {@code null} to detect it
 * @param audiences whose articles may be returned: anonymous readers only {@code customers}
 * @param categories only articles in one of these categories (empty: any)
 * @param products only articles about one of these products (empty: any)
 * @param limit most hits returned (1 to 100)
 */
public record KnowledgeQuery(
        String text,
        @Nullable String language,
        Audiences audiences,
        List<String> categories,
        List<String> products,
        int limit) {

    public static final int MAX_LENGTH = 1000;
    public static final int MAX_LIMIT = 100;

    public KnowledgeQuery {
        categories = List.copyOf(categories);
        products = List.copyOf(products);
    }

    /** A query without category or product filters. */
    public static KnowledgeQuery of(String text, @Nullable String language, Audiences audiences, int limit) {
        return new KnowledgeQuery(text, language, audiences, List.of(), List.of(), limit);
    }

    /** The audiences ({@code agents}, {@code customers}, {@code partners}) a reader may see. */
    public record Audiences(Set<String> names) {
        public static final String AGENTS = "agents";
        public static final String CUSTOMERS = "customers";
        public static final String PARTNERS = "partners";

        public static final Audiences PUBLIC = new Audiences(Set.of(CUSTOMERS));
        public static final Audiences ALL = new Audiences(Set.of(AGENTS, CUSTOMERS, PARTNERS));

        public Audiences {
            names = Set.copyOf(names);
        }

        public static boolean valid(String name) {
            return AGENTS.equals(name) || CUSTOMERS.equals(name) || PARTNERS.equals(name);
        }
    }
}
