package org.switchboard.knowledge.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The synonym groups admins edit; every change is handed to the index at once. */
@Service
public class SynonymStore {

    private final JdbcClient jdbc;
    private final LanguageAnalyzers analyzers = new LanguageAnalyzers();
    private final List<Consumer<Synonyms>> listeners = new ArrayList<>();

    SynonymStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One group as stored: its id, language and words. */
    public record Entry(UUID id, String language, List<String> terms) {}

    public List<Entry> list() {
        return jdbc.sql("select id, language, terms from knowledge_synonym order by language, created_at")
                .query((rs, n) -> new Entry(
                        rs.getObject("id", UUID.class), rs.getString("language"), parse(rs.getString("terms"))))
                .list();
    }

    public Entry add(String language, List<String> terms) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into knowledge_synonym (id, language, terms, created_at) values (?, ?, ?, ?)")
                .params(id, language, String.join(", ", terms), Timestamp.from(Instant.now()))
                .update();
        publish();
        return new Entry(id, language, terms);
    }

    public boolean delete(UUID id) {
        boolean deleted =
                jdbc.sql("delete from knowledge_synonym where id = ?").param(id).update() > 0;
        publish();
        return deleted;
    }

    synchronized void onChange(Consumer<Synonyms> listener) {
        listeners.add(listener);
        listener.accept(current());
    }

    private synchronized void publish() {
        Synonyms synonyms = current();
        listeners.forEach(l -> l.accept(synonyms));
    }

    private Synonyms current() {
        return Synonyms.build(
                list().stream()
                        .map(e -> new Synonyms.Group(e.language(), e.terms()))
                        .toList(),
                analyzers);
    }

    /** Words of a group as typed: separated by commas (a word may contain spaces). */
    public static List<String> parse(String terms) {
        return java.util.Arrays.stream(terms.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
    }
}
