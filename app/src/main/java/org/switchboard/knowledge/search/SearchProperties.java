package org.switchboard.knowledge.search;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge search, bound from {@code switchboard.knowledge.search.*}.
 *
 * @param indexDir where the Lucene index lives; empty means {@code <switchboard.data-dir>/knowledge-index}
 * @param embeddings compute and use sentence embeddings (English, Chinese); the models load on first use
 * @param passageWords target length of a passage in words (long articles are split into passages)
 * @param titleBoost weight of a title match relative to a body match
 * @param tagsBoost weight of a tag match relative to a body match
 */
@ConfigurationProperties("switchboard.knowledge.search")
public record SearchProperties(
        @Nullable Path indexDir,
        @DefaultValue("true") boolean embeddings,
        @DefaultValue("120") int passageWords,
        @DefaultValue("2.0") float titleBoost,
        @DefaultValue("1.5") float tagsBoost) {

    /** Defaults, for code that runs without Spring (benchmarks, dataset tuning). */
    public static SearchProperties defaults(Path indexDir, boolean embeddings) {
        return new SearchProperties(indexDir, embeddings, 120, 2.0f, 1.5f);
    }
}
