package org.switchboard.knowledge.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * In-process sentence embeddings (ONNX models shipped inside Maven Central jars, nothing downloaded):
 * all-MiniLM-L6-v2 (quantized) for English, bge-small-zh-v1.5 for Chinese. A model is loaded on its
 * first use, so a start or a test that never embeds pays nothing. Vectors are unit length, so the dot
 * product is the cosine.
 */
public class SentenceEmbeddings {

    private static final Map<String, Supplier<EmbeddingModel>> MODELS = Map.of(
            "en", AllMiniLmL6V2QuantizedEmbeddingModel::new,
            "zh", BgeSmallZhV15EmbeddingModel::new);
    private static final Map<String, Integer> DIMENSIONS = Map.of("en", 384, "zh", 512);

    private final boolean enabled;
    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    public SentenceEmbeddings(boolean enabled) {
        this.enabled = enabled;
    }

    /** Languages that get vectors (empty when embeddings are switched off). */
    public Set<String> languages() {
        return enabled ? MODELS.keySet() : Set.of();
    }

    public boolean supports(String language) {
        return enabled && MODELS.containsKey(language);
    }

    public static int dimensions(String language) {
        return DIMENSIONS.get(language);
    }

    /** The normalized vector of {@code text}, or {@code null} when no model exists for the language. */
    public float @Nullable [] embed(String language, String text) {
        if (!supports(language)) {
            return null;
        }
        EmbeddingModel model =
                loaded.computeIfAbsent(language, l -> MODELS.get(l).get());
        return normalize(model.embed(text).content().vector());
    }

    /** Vectors of many texts in one call (the model batches them). */
    public List<float[]> embedAll(String language, List<String> texts) {
        EmbeddingModel model =
                loaded.computeIfAbsent(language, l -> MODELS.get(l).get());
        var segments = texts.stream()
                .map(dev.langchain4j.data.segment.TextSegment::from)
                .toList();
        return model.embedAll(segments).content().stream()
                .map(e -> normalize(e.vector()))
                .toList();
    }

    private static float[] normalize(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] /= (float) norm;
            }
        }
        return vector;
    }
}
