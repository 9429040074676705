package org.switchboard.knowledge.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.switchboard.platform.SwitchboardProperties;

/**
 * Keeps the Lucene index in step with the database. The index is derived data: it lives under the data
 * directory, remembers (in its commit) the last projection change it holds, catches up from there on
 * start instead of rebuilding, is refreshed right after every change (near-real-time) and can be
 * rebuilt from the database on demand with progress.
 */
@Service
public class SearchIndexing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);
    private static final int PAGE = 256;

    private final SearchProjection projection;
    private final KnowledgeIndex index;
    private final Object writeLock = new Object();
    private final AtomicReference<Rebuild> rebuild = new AtomicReference<>(Rebuild.IDLE);

    /** Progress of a rebuild: {@code running}, done and total articles. */
    public record Rebuild(boolean running, long done, long total) {
        static final Rebuild IDLE = new Rebuild(false, 0, 0);
    }

    SearchIndexing(
            SearchProjection projection,
            SearchProperties properties,
            SwitchboardProperties switchboard,
            SynonymStore synonyms) {
        this.projection = projection;
        Path dir = properties.indexDir() != null
                ? properties.indexDir()
                : switchboard.dataDir().resolve("knowledge-index");
        this.index = new KnowledgeIndex(dir, new SentenceEmbeddings(properties.embeddings()), properties);
        synonyms.onChange(index::useSynonyms);
        if (index.marker() > projection.lastSeq()) {
            // The index is ahead of the database: it belongs to another (e.g. restored) database.
            log.warn("Knowledge index is ahead of the database; rebuilding it");
            index.deleteAll();
            index.commit(-1);
        }
        catchUp();
    }

    public KnowledgeIndex index() {
        return index;
    }

    /** Applies the projection changes the index hasn't committed yet (all of them for a new index). */
    public void catchUp() {
        synchronized (writeLock) {
            long marker = index.marker();
            long applied = 0;
            while (true) {
                List<SearchProjection.Row> rows = projection.changedSince(Math.max(marker, 0), PAGE);
                if (rows.isEmpty()) {
                    break;
                }
                apply(rows);
                marker = rows.getLast().seq();
                applied += rows.size();
            }
            index.refresh();
            if (applied > 0) {
                index.commit(marker);
                log.info("Knowledge index caught up with {} article changes", applied);
            }
        }
    }

    /** Indexes the rows (published ones replaced, archived ones removed), then makes them searchable. */
    public void changed(List<SearchProjection.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            apply(rows);
            index.refresh();
            // The marker only moves forward over changes that are all indexed; a concurrent writer with
            // a lower seq is caught up on the next start at worst.
            index.commit(Math.max(
                    index.marker(),
                    rows.stream().mapToLong(SearchProjection.Row::seq).max().orElse(0)));
        }
    }

    private void apply(List<SearchProjection.Row> rows) {
        List<IndexedArticle> published = new ArrayList<>();
        for (SearchProjection.Row row : rows) {
            if (row.published()) {
                published.add(row.article());
            } else {
                index.delete(row.article().articleId());
            }
        }
        index.upsert(published);
    }

    public Rebuild rebuildProgress() {
        return rebuild.get();
    }

    /** Starts rebuilding the index from the database in the background; false when one is running. */
    public synchronized boolean startRebuild() {
        if (rebuild.get().running()) {
            return false;
        }
        long total = projection.publishedCount();
        rebuild.set(new Rebuild(true, 0, total));
        Thread.ofVirtual().name("knowledge-index-rebuild").start(() -> {
            AtomicLong done = new AtomicLong();
            try {
                synchronized (writeLock) {
                    long last = projection.lastSeq();
                    index.deleteAll();
                    projection.forEachPublished(PAGE, rows -> {
                        // Everything was deleted above: plain adds, no delete-by-id per article.
                        index.addNew(
                                rows.stream().map(SearchProjection.Row::article).toList());
                        rebuild.set(new Rebuild(true, done.addAndGet(rows.size()), total));
                    });
                    index.refresh();
                    index.commit(last);
                }
                log.info("Knowledge index rebuilt: {} articles", done.get());
            } catch (RuntimeException e) {
                log.error("Knowledge index rebuild failed", e);
            } finally {
                rebuild.set(new Rebuild(false, done.get(), total));
            }
        });
        return true;
    }

    @Override
    public void destroy() throws IOException {
        index.close();
    }
}
