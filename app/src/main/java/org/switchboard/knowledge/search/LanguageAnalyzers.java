package org.switchboard.knowledge.search;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;

/**
 * Per-language analysis. Every text field is named {@code <field>.<analysis>} where the analysis is a
 * language code with its own analyzer or {@code any} (the generic one: Unicode word breaking, lower
 * case, accent folding) for every other language. One wrapper picks the analyzer from the field name.
 */
public final class LanguageAnalyzers {

    public static final String GENERIC = "any";

    private static final Map<String, Supplier<Analyzer>> LANGUAGES = Map.of(
            "en", EnglishAnalyzer::new,
            "fr", FrenchAnalyzer::new,
            "ru", RussianAnalyzer::new,
            "zh", SmartChineseAnalyzer::new,
            "de", GermanAnalyzer::new,
            "es", SpanishAnalyzer::new,
            "it", ItalianAnalyzer::new,
            "pt", PortugueseAnalyzer::new,
            "nl", DutchAnalyzer::new,
            "sv", SwedishAnalyzer::new);

    /** Languages written in the Latin script among those with their own analyzer. */
    public static final Set<String> LATIN = Set.of("en", "fr", "de", "es", "it", "pt", "nl", "sv");

    private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
    private final Analyzer wrapper = new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            int dot = fieldName.lastIndexOf('.');
            return forAnalysis(dot < 0 ? GENERIC : fieldName.substring(dot + 1));
        }
    };

    /** The analysis used for articles and queries in {@code language}: itself or {@link #GENERIC}. */
    public static String analysisOf(String language) {
        return LANGUAGES.containsKey(language) ? language : GENERIC;
    }

    public static Set<String> languages() {
        return LANGUAGES.keySet();
    }

    /** The analyzer for every field, chosen by the field name's suffix. */
    public Analyzer perField() {
        return wrapper;
    }

    public Analyzer forAnalysis(String analysis) {
        return analyzers.computeIfAbsent(analysis, a -> {
            Supplier<Analyzer> language = LANGUAGES.get(a);
            return language != null ? language.get() : new GenericAnalyzer();
        });
    }

    /** For languages without their own analyzer: word breaking by Unicode rules, folded lower case. */
    static final class GenericAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new ASCIIFoldingFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
