package org.switchboard.knowledge.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.UserSummary;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleSummary;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;
import org.switchboard.knowledge.Passage;
import org.switchboard.knowledge.internal.ArticleAttachment;
import org.switchboard.knowledge.internal.ArticleAttachments;
import org.switchboard.knowledge.internal.ArticleFilter;
import org.switchboard.knowledge.internal.ArticleService;
import org.switchboard.knowledge.internal.Category;
import org.switchboard.knowledge.internal.DocumentImport;
import org.switchboard.knowledge.internal.Revision;
import org.switchboard.knowledge.internal.RevisionDiff;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/knowledge}: articles (CRUD and workflow), their versions (diff, rollback), translations,
 * passages and attachments; document import; categories; the knowledge-editor permission. The bulk
 * JSON-lines import ({@code POST /api/v1/knowledge/articles/bulk}) and search live with the search index.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
class ArticleApiController {

    private final ArticleService articles;
    private final ArticleAttachments attachments;
    private final DocumentImport documents;

    ArticleApiController(ArticleService articles, ArticleAttachments attachments, DocumentImport documents) {
        this.articles = articles;
        this.attachments = attachments;
        this.documents = documents;
    }

    // ---------------------------------------------------------------- articles

    @PostMapping("/articles")
    ResponseEntity<ArticleView> create(@RequestBody JsonNode body) {
        ArticleView view = articles.create(ArticleRequests.draft(body, null), Actors.current());
        return created(view);
    }

    @GetMapping("/articles")
    Page<ArticleSummary> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String audience,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) Boolean dueForReview,
            @RequestParam(required = false) Boolean stale) {
        Actor actor = Actors.current();
        return articles.list(filter(
                limit,
                cursor,
                status,
                language,
                audience,
                category,
                tag,
                product,
                q,
                owner,
                dueForReview,
                stale,
                actor));
    }

    static ArticleFilter filter(
            @Nullable Integer limit,
            @Nullable String cursor,
            @Nullable List<String> status,
            @Nullable String language,
            @Nullable String audience,
            @Nullable String category,
            @Nullable String tag,
            @Nullable String product,
            @Nullable String q,
            @Nullable String owner,
            @Nullable Boolean dueForReview,
            @Nullable Boolean stale,
            Actor actor) {
        Set<ArticleStatus> statuses = null;
        if (status != null) {
            statuses = EnumSet.noneOf(ArticleStatus.class);
            for (String value : status) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        statuses.add(ArticleStatus.of(part));
                    }
                }
            }
        }
        org.switchboard.identity.UserId ownerId = null;
        if (owner != null && !owner.isBlank()) {
            try {
                ownerId = owner.equals("me") ? actor.id() : org.switchboard.identity.UserId.parse(owner.strip());
            } catch (NotFoundException e) {
                throw new InvalidInputException("owner", "must be me or a user id");
            }
        }
        return new ArticleFilter(
                statuses,
                blank(language) ? null : Language.of(language, "language"),
                blank(audience) ? null : Audience.of(audience),
                blank(category) ? null : category.strip(),
                tag,
                product,
                q,
                ownerId,
                Boolean.TRUE.equals(dueForReview),
                Boolean.TRUE.equals(stale),
                blank(cursor) ? null : cursor,
                Cursor.limit(limit));
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    @GetMapping("/articles/{id}")
    ResponseEntity<ArticleView> get(@PathVariable String id) {
        ArticleView view = article(id);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @PatchMapping("/articles/{id}")
    ResponseEntity<ArticleView> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        ArticleView current = article(id);
        ArticleView view =
                articles.update(current.id(), ArticleRequests.patch(current, body), expected, Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    /** Moves the article through the workflow: {@code {"status": "in_review" | "published" | ...}}. */
    @PostMapping("/articles/{id}/status")
    ResponseEntity<ArticleView> status(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        JsonBody json = JsonBody.of(body);
        String value = json.string("status");
        if (value == null) {
            json.problem("status", "is required: draft, in_review, published or archived");
        }
        json.check();
        ArticleView view = articles.changeStatus(article(id).id(), ArticleStatus.of(value), expected, Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/articles/{id}/passages")
    Map<String, List<Passage>> passages(@PathVariable String id) {
        return Map.of("items", articles.passages(article(id).id()));
    }

    // ---------------------------------------------------------------- versions

    @GetMapping("/articles/{id}/versions")
    Map<String, List<Revision>> versions(@PathVariable String id) {
        return Map.of("items", articles.revisions(article(id).id()));
    }

    @GetMapping("/articles/{id}/versions/{number}")
    Revision version(@PathVariable String id, @PathVariable int number) {
        return articles.revision(article(id).id(), number);
    }

    /** What changed from {@code from} (default: the previous revision) to {@code number}. */
    @GetMapping("/articles/{id}/versions/{number}/diff")
    RevisionDiff diff(@PathVariable String id, @PathVariable int number, @RequestParam(required = false) Integer from) {
        int before = from == null ? number - 1 : from;
        if (before < 1) {
            throw new InvalidInputException("from", "revision 1 has no previous revision; give from");
        }
        return articles.diff(article(id).id(), before, number);
    }

    /** Restores an earlier revision's content as a new revision. */
    @PostMapping("/articles/{id}/versions/{number}/rollback")
    ResponseEntity<ArticleView> rollback(
            @PathVariable String id,
            @PathVariable int number,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        ArticleView view = articles.rollback(article(id).id(), number, expected, Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    // ---------------------------------------------------------------- translations

    @GetMapping("/articles/{id}/translations")
    Map<String, List<ArticleSummary>> translations(@PathVariable String id) {
        return Map.of("items", articles.family(article(id).id()));
    }

    /** A new translation (a draft) of the article; audience defaults to the source's. */
    @PostMapping("/articles/{id}/translations")
    ResponseEntity<ArticleView> translate(@PathVariable String id, @RequestBody JsonNode body) {
        ArticleView source = article(id);
        ArticleDraft draft = ArticleRequests.draft(body, source.id());
        if (draft.audience() == null) {
            draft = new ArticleDraft(
                    draft.title(),
                    draft.body(),
                    draft.summary(),
                    draft.language(),
                    source.audience(),
                    draft.categoryId() == null && source.category() != null
                            ? source.category().id()
                            : draft.categoryId(),
                    draft.tags().isEmpty() ? source.tags() : draft.tags(),
                    draft.products().isEmpty() ? source.products() : draft.products(),
                    draft.reviewBy(),
                    draft.owner(),
                    source.id(),
                    draft.externalId());
        }
        return created(articles.create(draft, Actors.current()));
    }

    // ---------------------------------------------------------------- attachments

    @PostMapping("/articles/{id}/attachments")
    ResponseEntity<ArticleAttachment> attach(@PathVariable String id, @RequestParam("file") MultipartFile file)
            throws IOException {
        ArticleView article = article(id);
        try (var in = file.getInputStream()) {
            ArticleAttachment attachment =
                    attachments.attach(article.id(), file.getOriginalFilename(), in, Actors.current());
            return ResponseEntity.created(URI.create(attachment.url())).body(attachment);
        }
    }

    @GetMapping("/articles/{id}/attachments")
    Map<String, List<ArticleAttachment>> attachments(@PathVariable String id) {
        return Map.of("items", attachments.of(article(id).id()));
    }

    @DeleteMapping("/attachments/{attachmentId}")
    ResponseEntity<Void> removeAttachment(@PathVariable String attachmentId) {
        attachments.remove(attachmentId, Actors.current());
        return ResponseEntity.noContent().build();
    }

    // ---------------------------------------------------------------- import

    /**
     * Imports uploaded documents (multipart, one or more {@code file} parts) as articles: {@code language}
     * (required), {@code audience} (default agents), {@code publish} (default false: drafts), {@code
     * categoryId}, {@code tags} (comma-separated). All or nothing.
     */
    @PostMapping("/articles/import")
    ResponseEntity<Map<String, List<ArticleView>>> importDocuments(
            HttpServletRequest request,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String audience,
            @RequestParam(required = false) String publish,
            @RequestParam(required = false) String categoryId,
            @RequestParam(required = false) String tags)
            throws IOException {
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            throw new InvalidInputException("file", "send the documents as multipart/form-data file parts");
        }
        List<MultipartFile> files = new ArrayList<>(multipart.getFiles("file"));
        files.addAll(multipart.getFiles("files"));
        if (files.isEmpty()) {
            throw new InvalidInputException("file", "is required");
        }
        if (blank(language)) {
            throw new InvalidInputException("language", "is required (an ISO 639-1 code such as en, fr, ru or zh)");
        }
        if (publish != null && !publish.equals("true") && !publish.equals("false")) {
            throw new InvalidInputException("publish", "must be true or false");
        }
        List<DocumentImport.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files) {
            uploads.add(new DocumentImport.Upload(
                    file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), file.getBytes()));
        }
        var options = new DocumentImport.Options(
                Language.of(language, "language"),
                blank(audience) ? Audience.AGENTS : Audience.of(audience),
                "true".equals(publish),
                blank(categoryId) ? null : categoryId,
                blank(tags)
                        ? List.of()
                        : Arrays.stream(tags.split(","))
                                .map(String::strip)
                                .filter(t -> !t.isEmpty())
                                .toList());
        List<ArticleView> created = documents.importFiles(uploads, options, Actors.current());
        return ResponseEntity.status(201).body(Map.of("items", created));
    }

    // ---------------------------------------------------------------- categories and editors

    @GetMapping("/categories")
    Map<String, List<Category>> categories() {
        return Map.of("items", articles.categories());
    }

    /** {@code {"name", "parentId"?, "position"?}}; knowledge editors only. */
    @PostMapping("/categories")
    ResponseEntity<Category> createCategory(@RequestBody JsonNode node) {
        JsonBody body = JsonBody.of(node);
        String name = body.string("name");
        String parentId = body.string("parentId");
        Integer position = body.integer("position");
        if (name == null) {
            body.problem("name", "is required");
        }
        body.check();
        Category category = articles.createCategory(name, parentId, position, Actors.current());
        return ResponseEntity.created(URI.create("/api/v1/knowledge/categories/" + category.id()))
                .body(category);
    }

    @GetMapping("/editors")
    Map<String, List<UserSummary>> editors() {
        return Map.of("items", articles.editors());
    }

    /** Grants the knowledge-editor permission to a user (id or username); admins only. */
    @PutMapping("/editors/{user}")
    UserSummary grant(@PathVariable String user) {
        return articles.setEditor(user, true, Actors.current());
    }

    @DeleteMapping("/editors/{user}")
    ResponseEntity<Void> withdraw(@PathVariable String user) {
        articles.setEditor(user, false, Actors.current());
        return ResponseEntity.noContent().build();
    }

    // ----------------------------------------------------------------

    private ArticleView article(String id) {
        return articles.find(ArticleId.parse(id)).orElseThrow(() -> new NotFoundException("article", id));
    }

    private static ResponseEntity<ArticleView> created(ArticleView view) {
        return ResponseEntity.created(URI.create("/api/v1/knowledge/articles/" + view.id()))
                .eTag(ETags.of(view.version()))
                .body(view);
    }
}
