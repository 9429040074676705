package org.switchboard.knowledge.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Synonym groups per language as the ranking uses them: for an analysed query term, the analysed terms
 * it is also searched with. Built from the groups admins edit (each group: words that mean the same).
 */
public record Synonyms(Map<String, Map<String, Set<String>>> byAnalysis) {

    public static final Synonyms NONE = new Synonyms(Map.of());

    public Set<String> of(String analysis, String term) {
        return byAnalysis.getOrDefault(analysis, Map.of()).getOrDefault(term, Set.of());
    }

    /** Builds the lookup from groups of raw words, analysing each word like the index does. */
    public static Synonyms build(List<Group> groups, LanguageAnalyzers analyzers) {
        Map<String, Map<String, Set<String>>> result = new java.util.HashMap<>();
        for (Group group : groups) {
            String analysis = LanguageAnalyzers.analysisOf(group.language());
            List<String> stems = group.terms().stream()
                    .flatMap(t -> Tokens.analyze(analyzers.forAnalysis(analysis), t).stream())
                    .distinct()
                    .toList();
            var map = result.computeIfAbsent(analysis, a -> new java.util.HashMap<>());
            for (String stem : stems) {
                var set = map.computeIfAbsent(stem, s -> new java.util.HashSet<>());
                for (String other : stems) {
                    if (!other.equals(stem)) {
                        set.add(other);
                    }
                }
            }
        }
        return new Synonyms(result);
    }

    /** One group of words that mean the same in one language. */
    public record Group(String language, List<String> terms) {}
}
