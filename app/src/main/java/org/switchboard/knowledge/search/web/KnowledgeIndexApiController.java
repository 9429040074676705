package org.switchboard.knowledge.search.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.knowledge.search.SearchIndexing;
import org.switchboard.knowledge.search.SynonymStore;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/** Admin API of the search: the index (status, rebuild with progress) and the synonym groups. */
@RestController
@RequestMapping("/api/v1/knowledge")
@PreAuthorize("hasRole('ADMIN')")
class KnowledgeIndexApiController {

    private final SearchIndexing indexing;
    private final SynonymStore synonyms;

    KnowledgeIndexApiController(SearchIndexing indexing, SynonymStore synonyms) {
        this.indexing = indexing;
        this.synonyms = synonyms;
    }

    record IndexStatus(boolean rebuilding, long done, long total, int passages, long marker, long sizeBytes) {}

    @GetMapping("/index")
    IndexStatus status() {
        var progress = indexing.rebuildProgress();
        var index = indexing.index();
        return new IndexStatus(
                progress.running(),
                progress.done(),
                progress.total(),
                index.passages(),
                index.marker(),
                index.sizeBytes());
    }

    @PostMapping("/index/rebuild")
    ResponseEntity<IndexStatus> rebuild() {
        boolean started = indexing.startRebuild();
        return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT)
                .body(status());
    }

    record SynonymJson(UUID id, String language, List<String> terms) {}

    @GetMapping("/synonyms")
    Map<String, List<SynonymJson>> synonyms() {
        return Map.of(
                "synonyms",
                synonyms.list().stream()
                        .map(e -> new SynonymJson(e.id(), e.language(), e.terms()))
                        .toList());
    }

    @PostMapping("/synonyms")
    ResponseEntity<SynonymJson> addSynonyms(@RequestBody JsonNode json) {
        var entry = add(json);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SynonymJson(entry.id(), entry.language(), entry.terms()));
    }

    @DeleteMapping("/synonyms/{id}")
    ResponseEntity<Void> deleteSynonyms(@PathVariable UUID id) {
        if (!synonyms.delete(id)) {
            throw new NotFoundException("synonym group", id);
        }
        return ResponseEntity.noContent().build();
    }

    private SynonymStore.Entry add(JsonNode json) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        JsonNode language = json.get("language");
        JsonNode terms = json.get("terms");
        String lang = language != null && language.isString() ? language.asString() : null;
        if (lang == null
                || !java.util.Set.of(java.util.Locale.getISOLanguages()).contains(lang)) {
            problems.add(new FieldProblem("language", "must be an ISO 639-1 language code such as en"));
        }
        List<String> words = new java.util.ArrayList<>();
        if (terms != null && terms.isArray()) {
            for (JsonNode term : terms) {
                if (term.isString() && !term.asString().isBlank()) {
                    words.add(term.asString().strip());
                }
            }
        }
        words = words.stream().distinct().toList();
        if (words.size() < 2) {
            problems.add(new FieldProblem("terms", "must list at least two different words"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return synonyms.add(lang, words);
    }
}
