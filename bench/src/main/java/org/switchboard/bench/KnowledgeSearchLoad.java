package org.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.switchboard.knowledge.search.IndexedArticle;
import org.switchboard.knowledge.search.KnowledgeIndex;
import org.switchboard.knowledge.search.SearchProperties;
import org.switchboard.knowledge.search.SentenceEmbeddings;

/**
 * Knowledge search load: indexes generated passages into the application's Lucene index (the same
 * {@link KnowledgeIndex} class, on disk) and runs generated queries against it.
 *
 * <p>Generator (deterministic, seed 42): a vocabulary of 50,000 pronounceable English-like words (two
 * to four syllables), drawn with a Zipf distribution (s = 1.0) like natural text; an article has a title
 * of 4–8 words, 3 tags and 4 passages of 40–80 words each. Queries are 2–4 words drawn from the same
 * distribution without its 100 most frequent words (like real queries, which carry content words).
 *
 * <p>Usage: {@code bench/run KnowledgeSearchLoad <lexical|hybrid> <passages> <queries> <threads> [dir]}.
 * An index this driver already built in {@code dir} with at least that many passages is reused: searching only.
 * Besides wall-clock figures it reports CPU time (per query, and the process's for indexing).
 * In hybrid mode the passages get stored 384-dimension unit vectors (random, seeded: computing 100,000
 * real embeddings would take the benchmark machine's cores for many minutes and HNSW search cost does
 * not depend on the vectors' meaning), while each query is embedded by the real English model, so a
 * query's latency includes the model.
 */
public final class KnowledgeSearchLoad {

    private static final int VOCABULARY = 50_000;
    private static final String[] SYLLABLES = {
        "ka", "to", "ri", "mel", "san", "por", "li", "ve", "da", "nor", "qui", "zen", "bra", "co", "fi", "lu", "ma",
        "ne", "pa", "ro", "si", "ta", "ul", "vo", "wi", "xa", "ye", "zo", "ber", "cal"
    };

    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];

    private KnowledgeSearchLoad() {
        Random random = new Random(7);
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < VOCABULARY; ) {
            int syllables = 2 + random.nextInt(3);
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (seen.add(w.toString())) {
                words[i++] = w.toString();
            }
        }
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= sum;
        }
    }

    private String word(Random random, int skip) {
        double u = cumulative[skip] + random.nextDouble() * (1 - cumulative[skip]);
        int i = java.util.Arrays.binarySearch(cumulative, u);
        return words[Math.min(VOCABULARY - 1, i < 0 ? -i - 1 : i)];
    }

    private String text(Random random, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(word(random, 0));
        }
        return b.toString();
    }

    IndexedArticle article(Random random, int id) {
        List<String> passages = new ArrayList<>(4);
        for (int p = 0; p < 4; p++) {
            passages.add(text(random, 40 + random.nextInt(41)) + ".");
        }
        return new IndexedArticle(
                "a" + id,
                "ext-" + id,
                "en",
                random.nextInt(4) == 0 ? "agents" : "customers",
                text(random, 4 + random.nextInt(5)),
                String.join("\n\n", passages),
                List.of(word(random, 0), word(random, 0), word(random, 0)),
                List.of(),
                List.of(),
                passages);
    }

    String query(Random random) {
        int n = 2 + random.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(word(random, 100));
        }
        return b.toString();
    }

    /** Stored vectors are random; queries use the real model (see the class comment). */
    static final class SyntheticVectors extends SentenceEmbeddings {
        private final Random random = new Random(11);

        SyntheticVectors() {
            super(true);
        }

        @Override
        public boolean supports(String language) {
            return "en".equals(language);
        }

        @Override
        public synchronized List<float[]> embedAll(String language, List<String> texts) {
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (int t = 0; t < texts.size(); t++) {
                float[] v = new float[384];
                double norm = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                    norm += v[i] * v[i];
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] /= (float) Math.sqrt(norm);
                }
                vectors.add(v);
            }
            return vectors;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "lexical";
        int passages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("knowledge-bench");
        boolean hybrid = "hybrid".equals(mode);

        var load = new KnowledgeSearchLoad();
        SentenceEmbeddings embeddings = hybrid ? new SyntheticVectors() : new SentenceEmbeddings(false);
        var index = new KnowledgeIndex(dir, embeddings, SearchProperties.defaults(dir, hybrid));
        if (!hybrid) {
            index.vectorWeight(0);
        }

        // Indexing from `threads` writers (Lucene's IndexWriter takes concurrent documents), then one
        // commit, as a rebuild does (plain adds into an emptied index, KnowledgeIndex.addNew). Generating the text is
        // included in the time.
        int articles = passages / 4;
        if (index.passages() >= passages) {
            // An index this driver built before in `dir`: measure searching only.
            System.out.printf("reusing the index in %s: %d passages%n", dir, index.passages());
        } else {
            index(index, load, articles, threads);
        }
        searchLoad(index, load, mode, queries, threads);
        index.close();
    }

    private static void index(KnowledgeIndex index, KnowledgeSearchLoad load, int articles, int threads)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        List<Future<?>> written = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int part = t;
            written.add(writers.submit(() -> {
                Random random = new Random(42 + part);
                List<IndexedArticle> batch = new ArrayList<>(256);
                for (int i = part; i < articles; i += threads) {
                    batch.add(load.article(random, i));
                    if (batch.size() == 256) {
                        index.addNew(batch);
                        batch.clear();
                    }
                }
                index.addNew(batch);
                return null;
            }));
        }
        for (Future<?> f : written) {
            f.get();
        }
        writers.shutdown();
        index.commit(articles);
        index.refresh();
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "indexed %d passages (%d articles, generation included) in %.1f s = %.0f passages/s; index %.0f MiB on disk%n",
                index.passages(),
                articles,
                indexSeconds,
                index.passages() / indexSeconds,
                index.sizeBytes() / 1048576.0);
        // The process's CPU time (writers, merges, generation): the rate two cores given fully would reach.
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "indexing used %.1f CPU seconds = %.0f passages per CPU-second (about %.0f/s on 2 free cores)%n",
                cpuSeconds, index.passages() / cpuSeconds, 2 * index.passages() / cpuSeconds);
    }

    private static void searchLoad(
            KnowledgeIndex index, KnowledgeSearchLoad load, String mode, int queries, int threads) throws Exception {
        // Near-real-time delay: one article changed until it is found.
        long nrtStart = System.nanoTime();
        index.upsert(List.of(new IndexedArticle(
                "fresh",
                "fresh",
                "en",
                "customers",
                "zzfreshtitle",
                "zzfreshbody",
                List.of(),
                List.of(),
                List.of(),
                List.of())));
        index.refresh();
        int found = index.search(new KnowledgeIndex.Request(
                        "zzfreshtitle", List.of("en"), true, Set.of("customers"), List.of(), List.of(), 1))
                .size();
        System.out.printf(
                "near-real-time: searchable %.1f ms after the write (found %d)%n",
                (System.nanoTime() - nrtStart) / 1e6, found);

        Random queryRandom = new Random(99);
        for (int i = 0; i < 2_000; i++) {
            search(index, load.query(queryRandom));
        }
        // Latency: one caller at a time.
        Histogram single = new Histogram(3_600_000_000L, 3);
        // CPU time of the searching thread per query: what a query costs whatever else runs on the
        // machine (wall-clock latency also counts the time the thread waited for a core).
        Histogram cpu = new Histogram(3_600_000_000L, 3);
        var threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        int latencyQueries = Math.min(queries, 10_000);
        for (int i = 0; i < latencyQueries; i++) {
            String query = load.query(queryRandom);
            long c0 = threadBean.getCurrentThreadCpuTime();
            long q0 = System.nanoTime();
            search(index, query);
            single.recordValue((System.nanoTime() - q0) / 1000);
            cpu.recordValue(Math.max(0, threadBean.getCurrentThreadCpuTime() - c0) / 1000);
        }
        new LoadReport(mode + " search, 1 thread", latencyQueries, 0, (System.nanoTime() - t0) / 1e9, single)
                .print(System.out);
        System.out.printf(
                "%s search CPU time per query ms: mean %.2f p50 %.2f p95 %.2f p99 %.2f (2 cores fully given would serve about %.0f queries/s)%n",
                mode,
                cpu.getMean() / 1000.0,
                cpu.getValueAtPercentile(50) / 1000.0,
                cpu.getValueAtPercentile(95) / 1000.0,
                cpu.getValueAtPercentile(99) / 1000.0,
                2 * 1_000_000.0 / cpu.getMean());

        // Throughput: `threads` callers.
        Histogram many = new Histogram(3_600_000_000L, 3);
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t1 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random r = new Random(1000 + seed);
                Histogram own = new Histogram(3_600_000_000L, 3);
                for (int i = 0; i < queries / threads; i++) {
                    long q0 = System.nanoTime();
                    search(index, load.query(r));
                    own.recordValue((System.nanoTime() - q0) / 1000);
                    done.incrementAndGet();
                }
                synchronized (many) {
                    many.add(own);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        new LoadReport(mode + " search, " + threads + " threads", done.get(), 0, (System.nanoTime() - t1) / 1e9, many)
                .print(System.out);

        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(
                "heap used after GC %.0f MiB (max %.0f MiB)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0);
    }

    private static void search(KnowledgeIndex index, String query) {
        index.search(new KnowledgeIndex.Request(
                query, List.of("en"), true, Set.of("customers", "agents", "partners"), List.of(), List.of(), 10));
    }
}
