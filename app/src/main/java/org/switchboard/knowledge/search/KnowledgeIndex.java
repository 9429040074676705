package org.switchboard.knowledge.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.switchboard.knowledge.KnowledgeHit;

/**
 * The embedded Lucene index of published articles. One Lucene document per passage; every passage
 * carries its article's title, tags, audience, language, categories and products, so a passage can be
 * found and filtered on its own. Text fields are named {@code <field>.<analysis>} (see
 * {@link LanguageAnalyzers}); passages in a language with an embedding model also carry a vector
 * {@code vec.<language>}, computed once when the article is indexed.
 *
 * <p>Ranking: BM25 per field, combined per query term as the best of title, body and tags (each with
 * its weight) plus a share of the others; a phrase bonus for the whole query; admin synonyms; typo
 * tolerance for terms the index doesn't know; a prefix for the word being typed. Where a model exists,
 * the lexical and the vector ranking of articles are fused by reciprocal rank fusion.
 */
public final class KnowledgeIndex implements Closeable {

    /** The passage id of indexes written before {@link #PASSAGE_ID} (indexed as a term, never searched). */
    static final String ID = "id";
    /** The passage id {@code <articleId>#<ordinal>}, stored only. */
    static final String PASSAGE_ID = "passageId";

    static final String ARTICLE = "article";
    /** The article id as a doc-values column (its own field: indexes written before it lack it). */
    static final String ARTICLE_COLUMN = "article.column";

    static final String EXTERNAL_ID = "externalId";
    static final String LANGUAGE = "lang";
    static final String AUDIENCE = "audience";
    static final String CATEGORY = "category";
    static final String PRODUCT = "product";
    static final String STORED_TITLE = "title";
    static final String STORED_TEXT = "text";
    static final String MARKER = "marker";

    /** Reciprocal rank fusion constant (the usual 60). */
    static final int RRF_K = 60;

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    /** Names a private index beside the shared one: {@code knowledge-index.private-<random>}. */
    private static final String PRIVATE_INFIX = ".private-";

    private final LanguageAnalyzers analyzers;
    private final @Nullable Path privateDir;
    private final SentenceEmbeddings embeddings;
    private final SearchProperties properties;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile Synonyms synonyms = Synonyms.NONE;
    private volatile float vectorWeight = 1.0f;
    private volatile float minSimilarity = 0.5f;

    public KnowledgeIndex(Path dir, SentenceEmbeddings embeddings, SearchProperties properties) {
        this.analyzers = new LanguageAnalyzers();
        this.embeddings = embeddings;
        this.properties = properties;
        Path privateDir = null;
        try {
            java.nio.file.Files.createDirectories(dir);
            Directory opened = FSDirectory.open(dir);
            IndexWriter openedWriter;
            try {
                openedWriter = new IndexWriter(opened, config());
            } catch (org.apache.lucene.store.LockObtainFailedException e) {
                // Another process (or a second application context in one test JVM) holds the index:
                // work on a private one beside it, which catches up from the database like a new index.
                opened.close();
                deleteStalePrivateIndexes(dir);
                Path own = java.nio.file.Files.createTempDirectory(
                        dir.toAbsolutePath().getParent(), dir.getFileName() + PRIVATE_INFIX);
                org.slf4j.LoggerFactory.getLogger(KnowledgeIndex.class)
                        .warn("Knowledge index {} is locked by another writer; using {}", dir, own);
                opened = FSDirectory.open(own);
                openedWriter = new IndexWriter(opened, config());
                privateDir = own;
            }
            this.directory = opened;
            this.writer = openedWriter;
            this.searchers = new SearcherManager(writer, new SearcherFactory());
            this.privateDir = privateDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the private indexes beside {@code dir} that no writer holds: left by a process that ended
     * without closing its index (killed, or a test JVM that exits before its contexts close).
     */
    static void deleteStalePrivateIndexes(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        String prefix = dir.getFileName() + PRIVATE_INFIX;
        List<Path> candidates;
        try (var siblings = java.nio.file.Files.list(parent)) {
            candidates = siblings.filter(
                            p -> p.getFileName().toString().startsWith(prefix) && java.nio.file.Files.isDirectory(p))
                    .toList();
        }
        for (Path candidate : candidates) {
            boolean stale;
            try (Directory directory = FSDirectory.open(candidate);
                    var lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
                stale = true;
            } catch (org.apache.lucene.store.LockObtainFailedException held) {
                stale = false; // a live writer (this process or another) works on it
            }
            if (stale) {
                deleteTree(candidate);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = java.nio.file.Files.walk(root)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }

    /** The private index this one fell back to because {@code dir} was locked, or null. */
    @Nullable
    Path privateDir() {
        return privateDir;
    }

    private IndexWriterConfig config() {
        IndexWriterConfig config = new IndexWriterConfig(analyzers.perField());
        // Fewer, larger flushed segments: less merging while many articles are written (a rebuild).
        config.setRAMBufferSizeMB(128);
        // Flushed segments are merged soon anyway; packing each into a compound file first is wasted work.
        config.setUseCompoundFile(false);
        return config;
    }

    public LanguageAnalyzers analyzers() {
        return analyzers;
    }

    public void useSynonyms(Synonyms synonyms) {
        this.synonyms = synonyms;
    }

    /**
     * Least cosine similarity for an article found by its vector only (no query word in it): below it,
     * nearest neighbours are noise (a vector search always returns something).
     */
    public void minSimilarity(float cosine) {
        this.minSimilarity = cosine;
    }

    /** Weight of the vector ranking in the fusion (1 = as much as the lexical ranking). */
    public void vectorWeight(float weight) {
        this.vectorWeight = weight;
    }

    // ---------------------------------------------------------------- writing

    /** Adds or replaces articles (not visible until {@link #refresh()}). */
    public void upsert(Collection<IndexedArticle> articles) {
        write(articles, true);
    }

    /**
     * Adds articles the index doesn't hold (after {@link #deleteAll()}, in a rebuild): without the
     * delete-by-id an update needs, which costs a terms lookup per article in every segment.
     */
    public void addNew(Collection<IndexedArticle> articles) {
        write(articles, false);
    }

    private void write(Collection<IndexedArticle> articles, boolean replace) {
        Map<String, List<String>> toEmbed = new HashMap<>();
        List<List<Document>> docs = new ArrayList<>();
        for (IndexedArticle article : articles) {
            List<Document> passages = documents(article);
            docs.add(passages);
            if (embeddings.supports(article.language())) {
                var texts = toEmbed.computeIfAbsent(article.language(), l -> new ArrayList<>());
                for (Document passage : passages) {
                    texts.add(vectorText(article.title(), passage.get(STORED_TEXT)));
                }
            }
        }
        Map<String, java.util.Iterator<float[]>> vectors = new HashMap<>();
        toEmbed.forEach((language, texts) ->
                vectors.put(language, embeddings.embedAll(language, texts).iterator()));
        try {
            int i = 0;
            for (IndexedArticle article : articles) {
                List<Document> passages = docs.get(i++);
                var languageVectors = vectors.get(article.language());
                if (languageVectors != null) {
                    for (Document passage : passages) {
                        passage.add(new KnnFloatVectorField(
                                "vec." + article.language(),
                                languageVectors.next(),
                                VectorSimilarityFunction.DOT_PRODUCT));
                    }
                }
                if (replace) {
                    writer.updateDocuments(new Term(ARTICLE, article.articleId()), passages);
                } else {
                    writer.addDocuments(passages);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the embedding of a passage is computed from: the title gives the passage its topic. */
    static String vectorText(String title, String passage) {
        return title.isBlank() ? passage : title + ". " + passage;
    }

    public void delete(String articleId) {
        try {
            writer.deleteDocuments(new Term(ARTICLE, articleId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything written so far searchable (near-real-time, without a commit). */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything written so far durable, remembering {@code marker} as what it covers. */
    public void commit(long marker) {
        try {
            writer.setLiveCommitData(Map.of(MARKER, Long.toString(marker)).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The marker of the last commit; -1 for a new (empty) index. */
    public long marker() {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return -1;
            }
            var data = writer.getLiveCommitData();
            if (data != null) {
                for (var entry : data) {
                    if (MARKER.equals(entry.getKey())) {
                        return Long.parseLong(entry.getValue());
                    }
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of passages searchable now. */
    public int passages() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    public long sizeBytes() {
        try {
            long size = 0;
            for (String file : directory.listAll()) {
                try {
                    size += directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
                    // a merge deleted it between listing and reading: it no longer counts
                }
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Document> documents(IndexedArticle article) {
        String analysis = LanguageAnalyzers.analysisOf(article.language());
        List<String> passages = article.passages().isEmpty()
                ? Passages.split(article.body(), properties.passageWords())
                : article.passages();
        List<Document> docs = new ArrayList<>(passages.size());
        String tags = String.join(" ", article.tags());
        for (int n = 0; n < passages.size(); n++) {
            Document doc = new Document();
            // Only read back (never searched): stored, not indexed, which saves a unique term per passage.
            doc.add(new StoredField(PASSAGE_ID, article.articleId() + "#" + n));
            doc.add(new StringField(ARTICLE, article.articleId(), Field.Store.YES));
            // Grouping passages by article reads this column instead of the stored fields.
            doc.add(new SortedDocValuesField(ARTICLE_COLUMN, new BytesRef(article.articleId())));
            if (article.externalId() != null) {
                doc.add(new StoredField(EXTERNAL_ID, article.externalId()));
            }
            doc.add(new StringField(LANGUAGE, article.language(), Field.Store.YES));
            doc.add(new StringField(AUDIENCE, article.audience(), Field.Store.NO));
            for (String category : article.categories()) {
                doc.add(new StringField(CATEGORY, category, Field.Store.NO));
            }
            for (String product : article.products()) {
                doc.add(new StringField(PRODUCT, product, Field.Store.NO));
            }
            doc.add(new StoredField(STORED_TITLE, article.title()));
            doc.add(new StoredField(STORED_TEXT, passages.get(n)));
            doc.add(new TextField("title." + analysis, article.title(), Field.Store.NO));
            doc.add(new TextField("body." + analysis, passages.get(n), Field.Store.NO));
            if (!tags.isBlank()) {
                doc.add(new TextField("tags." + analysis, tags, Field.Store.NO));
            }
            docs.add(doc);
        }
        return docs;
    }

    // ---------------------------------------------------------------- searching

    /** What to search for; {@code languages} are the query's candidate languages (first = most likely). */
    public record Request(
            String text,
            List<String> languages,
            boolean languageFilter,
            Set<String> audiences,
            List<String> categories,
            List<String> products,
            int limit) {}

    public List<KnowledgeHit> search(Request request) {
        return withSearcher(searcher -> {
            Query filter = filter(searcher, request);
            int depth = Math.max(50, request.limit() * 5);
            Map<String, Query> analysisQueries = new LinkedHashMap<>();
            Set<String> analyses = analyses(request.languages());
            for (String analysis : analyses) {
                Query q = lexical(searcher, analysis, request.text());
                if (q != null) {
                    analysisQueries.put(analysis, q);
                }
            }
            List<Ranked> lexical = List.of();
            if (!analysisQueries.isEmpty()) {
                Query lexicalQuery = analysisQueries.size() == 1
                        ? analysisQueries.values().iterator().next()
                        : new DisjunctionMaxQuery(analysisQueries.values(), 0.1f);
                Query q = filter == null
                        ? lexicalQuery
                        : new BooleanQuery.Builder()
                                .add(lexicalQuery, Occur.MUST)
                                .add(filter, Occur.FILTER)
                                .build();
                // Only the best passages matter, not how many match: counting no further than the
                // depth lets Lucene skip blocks that cannot enter the top (same hits, same order).
                TopDocs top = searcher.search(q, new TopScoreDocCollectorManager(depth, depth));
                // The bonus for the query's words in order re-scores only the passages found: a sloppy
                // phrase over the whole index would read the positions of every passage with the words.
                List<Query> bonuses = new ArrayList<>();
                for (String analysis : analysisQueries.keySet()) {
                    Query bonus = phraseBonus(analysis, request.text());
                    if (bonus != null) {
                        bonuses.add(bonus);
                    }
                }
                if (!bonuses.isEmpty() && top.scoreDocs.length > 1) {
                    Query bonus = bonuses.size() == 1 ? bonuses.getFirst() : new DisjunctionMaxQuery(bonuses, 0.1f);
                    top = org.apache.lucene.search.QueryRescorer.rescore(searcher, top, bonus, 1.0, depth);
                }
                lexical = byArticle(searcher, top);
            }
            List<Ranked> semantic = List.of();
            String language =
                    request.languages().isEmpty() ? null : request.languages().getFirst();
            // A quoted phrase asks for those exact words: no nearest-neighbour extras then.
            boolean exact = QUOTED.matcher(request.text()).find();
            if (!exact
                    && language != null
                    && vectorWeight > 0
                    && embeddings.supports(language)
                    && hasVectors(searcher, language)) {
                float[] vector = embeddings.embed(language, request.text());
                Query knn = new KnnFloatVectorQuery("vec." + language, vector, depth, filter);
                // Lucene scores a dot-product match as (1 + cosine) / 2.
                float minScore = (1 + minSimilarity) / 2;
                Set<String> lexicalArticles = new java.util.HashSet<>();
                lexical.forEach(r -> lexicalArticles.add(r.article()));
                semantic = byArticle(searcher, searcher.search(knn, depth)).stream()
                        .filter(r -> r.score() >= minScore || lexicalArticles.contains(r.article()))
                        .toList();
            }
            List<Ranked> fused = fuse(lexical, semantic, request.limit());
            List<KnowledgeHit> hits = new ArrayList<>(fused.size());
            Set<String> queryTerms = queryTerms(request.text(), analyses);
            var stored = searcher.storedFields();
            for (Ranked ranked : fused) {
                Document doc = stored.document(ranked.doc());
                String docLanguage = doc.get(LANGUAGE);
                String snippet = Snippets.highlight(
                        analyzers.forAnalysis(LanguageAnalyzers.analysisOf(docLanguage)),
                        doc.get(STORED_TEXT),
                        queryTerms);
                hits.add(new KnowledgeHit(
                        doc.get(ARTICLE),
                        doc.get(EXTERNAL_ID),
                        docLanguage,
                        doc.get(STORED_TITLE),
                        snippet,
                        doc.get(PASSAGE_ID) != null ? doc.get(PASSAGE_ID) : doc.get(ID),
                        ranked.score()));
            }
            return hits;
        });
    }

    /** Titles completing what is typed, best first. */
    public List<String> suggest(String prefix, List<String> languages, Set<String> audiences, int limit) {
        return withSearcher(searcher -> {
            List<Query> perAnalysis = new ArrayList<>();
            for (String analysis : analyses(languages)) {
                List<String> words = List.of(prefix.strip().split("\\s+"));
                BooleanQuery.Builder b = new BooleanQuery.Builder();
                String field = "title." + analysis;
                for (int i = 0; i < words.size() - 1; i++) {
                    for (String term : Tokens.analyze(analyzers.forAnalysis(analysis), words.get(i))) {
                        b.add(new TermQuery(new Term(field, term)), Occur.SHOULD);
                    }
                }
                String last = words.getLast().toLowerCase(java.util.Locale.ROOT);
                Query lastQuery = new PrefixQuery(new Term(field, last));
                if ("zh".equals(analysis)) {
                    List<String> terms = Tokens.analyze(analyzers.forAnalysis(analysis), last);
                    lastQuery = terms.isEmpty() ? lastQuery : new PrefixQuery(new Term(field, terms.getFirst()));
                }
                b.add(lastQuery, Occur.MUST);
                perAnalysis.add(b.build());
            }
            if (perAnalysis.isEmpty()) {
                return List.of();
            }
            Query query = new BooleanQuery.Builder()
                    .add(new DisjunctionMaxQuery(perAnalysis, 0f), Occur.MUST)
                    .add(audienceFilter(audiences), Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(query, limit * 4);
            Set<String> titles = new LinkedHashSet<>();
            for (ScoreDoc sd : top.scoreDocs) {
                titles.add(searcher.storedFields().document(sd.doc).get(STORED_TITLE));
                if (titles.size() == limit) {
                    break;
                }
            }
            return List.copyOf(titles);
        });
    }

    private static Set<String> analyses(List<String> languages) {
        Set<String> analyses = new LinkedHashSet<>();
        for (String language : languages) {
            analyses.add(LanguageAnalyzers.analysisOf(language));
        }
        if (analyses.isEmpty()) {
            analyses.add(LanguageAnalyzers.GENERIC);
        }
        return analyses;
    }

    private boolean hasVectors(IndexSearcher searcher, String language) {
        for (var leaf : searcher.getIndexReader().leaves()) {
            var info = leaf.reader().getFieldInfos().fieldInfo("vec." + language);
            if (info != null && info.hasVectorValues()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request's restrictions, leaving out those every passage meets (an agent searching every
     * audience, a knowledge base in one language): a filter that removes nothing still has to be
     * stepped through beside the scoring, for every candidate passage. {@code null} when nothing is left.
     */
    @Nullable
    private Query filter(IndexSearcher searcher, Request request) throws IOException {
        var reader = searcher.getIndexReader();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        // Every passage has exactly one audience and one language, so when the passages having the asked
        // ones are all passages (deleted ones included), the filter is a no-op.
        if (!request.audiences().isEmpty()) {
            long having = 0;
            for (String audience : request.audiences()) {
                having += reader.docFreq(new Term(AUDIENCE, audience));
            }
            if (having < reader.maxDoc()) {
                b.add(audienceFilter(request.audiences()), Occur.FILTER);
                any = true;
            }
        }
        if (request.languageFilter() && !request.languages().isEmpty()) {
            Term language = new Term(LANGUAGE, request.languages().getFirst());
            if (reader.docFreq(language) < reader.maxDoc()) {
                b.add(new TermQuery(language), Occur.FILTER);
                any = true;
            }
        }
        if (!request.categories().isEmpty()) {
            b.add(termsQuery(CATEGORY, request.categories()), Occur.FILTER);
            any = true;
        }
        if (!request.products().isEmpty()) {
            b.add(termsQuery(PRODUCT, request.products()), Occur.FILTER);
            any = true;
        }
        return any ? b.build() : null;
    }

    private static Query audienceFilter(Set<String> audiences) {
        return audiences.isEmpty() ? new MatchAllDocsQuery() : termsQuery(AUDIENCE, audiences);
    }

    private static Query termsQuery(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** The lexical query for one analysis, or {@code null} when the text has no term in it. */
    @Nullable
    Query lexical(IndexSearcher searcher, String analysis, String text) throws IOException {
        var analyzer = analyzers.forAnalysis(analysis);
        String title = "title." + analysis;
        String body = "body." + analysis;
        String tags = "tags." + analysis;
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean any = false;

        // Quoted words must appear as a phrase.
        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            List<String> terms = Tokens.analyze(analyzer, quoted.group(1));
            if (terms.size() > 1) {
                query.add(
                        new DisjunctionMaxQuery(List.of(phrase(title, terms, 0), phrase(body, terms, 0)), 0f),
                        Occur.MUST);
                any = true;
            }
        }

        List<String> terms = Tokens.analyze(analyzer, text);
        var reader = searcher.getIndexReader();
        for (String term : new LinkedHashSet<>(terms)) {
            List<Query> fields = new ArrayList<>();
            fields.add(new BoostQuery(new TermQuery(new Term(title, term)), properties.titleBoost()));
            fields.add(new TermQuery(new Term(body, term)));
            fields.add(new BoostQuery(new TermQuery(new Term(tags, term)), properties.tagsBoost()));
            boolean known = reader.docFreq(new Term(body, term)) > 0 || reader.docFreq(new Term(title, term)) > 0;
            if (!known && term.codePointCount(0, term.length()) >= 4) {
                // A word the index doesn't know is probably misspelt: accept one or two edits.
                int edits = term.length() >= 8 ? 2 : 1;
                fields.add(new BoostQuery(
                        new FuzzyQuery(new Term(title, term), edits, 1), properties.titleBoost() * 0.8f));
                fields.add(new BoostQuery(new FuzzyQuery(new Term(body, term), edits, 1), 0.8f));
            }
            for (String synonym : synonyms.of(analysis, term)) {
                fields.add(new BoostQuery(new TermQuery(new Term(title, synonym)), properties.titleBoost() * 0.5f));
                fields.add(new BoostQuery(new TermQuery(new Term(body, synonym)), 0.5f));
            }
            // A term's matches in the fields add up: flat clauses are scored in bulk, and blocks that
            // cannot reach the top are skipped (a best-field query per term cost 1.6 times the CPU).
            for (Query field : fields) {
                query.add(field, Occur.SHOULD);
            }
            any = true;
        }
        // The word being typed: also as a prefix of a longer word.
        String raw = text.strip();
        if (!raw.isEmpty() && !text.endsWith(" ") && !"zh".equals(analysis)) {
            String last = raw.substring(raw.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT);
            // Only a word the index doesn't know is a word still being typed (a known one needs no expansion,
            // which would cost a scan of every term sharing the prefix).
            boolean known = reader.docFreq(new Term(title, last)) > 0 || reader.docFreq(new Term(body, last)) > 0;
            if (!known && last.length() >= 3 && last.chars().allMatch(Character::isLetterOrDigit)) {
                query.add(new BoostQuery(new PrefixQuery(new Term(title, last)), 0.3f), Occur.SHOULD);
                query.add(new BoostQuery(new PrefixQuery(new Term(body, last)), 0.2f), Occur.SHOULD);
                any = true;
            }
        }
        return any ? query.build() : null;
    }

    /** Words in the order of the query score a little more; {@code null} for a one-word query. */
    @Nullable
    private Query phraseBonus(String analysis, String text) {
        List<String> terms = Tokens.analyze(analyzers.forAnalysis(analysis), text);
        if (terms.size() < 2) {
            return null;
        }
        return new BooleanQuery.Builder()
                .add(new BoostQuery(phrase("title." + analysis, terms, 2), 0.5f), Occur.SHOULD)
                .add(new BoostQuery(phrase("body." + analysis, terms, 4), 0.3f), Occur.SHOULD)
                .build();
    }

    private static Query phrase(String field, List<String> terms, int slop) {
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        b.setSlop(slop);
        for (int i = 0; i < terms.size(); i++) {
            b.add(new Term(field, terms.get(i)), i);
        }
        return b.build();
    }

    private Set<String> queryTerms(String text, Set<String> analyses) {
        Set<String> terms = new java.util.HashSet<>();
        for (String analysis : analyses) {
            for (String term : Tokens.analyze(analyzers.forAnalysis(analysis), text)) {
                terms.add(term);
                terms.addAll(synonyms.of(analysis, term));
            }
        }
        return terms;
    }

    /** An article in a ranking: its best passage's document and score. */
    record Ranked(String article, int doc, double score) {}

    private static List<Ranked> byArticle(IndexSearcher searcher, TopDocs top) throws IOException {
        Map<String, Ranked> best = new LinkedHashMap<>();
        var leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc sd : top.scoreDocs) {
            var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
            var values = leaf.reader().getSortedDocValues(ARTICLE_COLUMN);
            String article;
            if (values != null && values.advanceExact(sd.doc - leaf.docBase)) {
                article = values.lookupOrd(values.ordValue()).utf8ToString();
            } else {
                article = searcher.storedFields()
                        .document(sd.doc, Set.of(ARTICLE))
                        .get(ARTICLE);
            }
            best.putIfAbsent(article, new Ranked(article, sd.doc, sd.score));
        }
        return List.copyOf(best.values());
    }

    /**
     * Reciprocal rank fusion: an article scores {@code 1/(k+rank)} in each ranking it appears in (the
     * vector ranking weighted); the best passage is the lexical one when there is one.
     */
    private List<Ranked> fuse(List<Ranked> lexical, List<Ranked> semantic, int limit) {
        Map<String, Ranked> docs = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        for (int i = 0; i < lexical.size(); i++) {
            Ranked r = lexical.get(i);
            docs.put(r.article(), r);
            scores.merge(r.article(), 1.0 / (RRF_K + i + 1), Double::sum);
        }
        for (int i = 0; i < semantic.size(); i++) {
            Ranked r = semantic.get(i);
            docs.putIfAbsent(r.article(), r);
            scores.merge(r.article(), (double) vectorWeight / (RRF_K + i + 1), Double::sum);
        }
        return docs.values().stream()
                .map(r -> new Ranked(r.article(), r.doc(), scores.get(r.article())))
                .sorted((a, b) -> Double.compare(b.score(), a.score()))
                .limit(limit)
                .toList();
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
        if (privateDir != null) {
            // a private index is a throwaway copy rebuilt from the database; leave nothing behind
            deleteTree(privateDir);
        }
    }
}
