package org.switchboard.knowledge;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;
import org.switchboard.platform.Page;

/**
 * The knowledge articles as other modules (search, flows, desk, demo) and the web layer use them.
 *
 * <p><b>Visibility.</b> Methods without an actor see every article in every status (the system itself).
 * {@link #findVisible} applies a reader: anonymous readers see published customer articles only; any
 * signed-in user sees every audience, and drafts too.
 *
 * <p><b>Roles.</b> Any signed-in user may draft and submit for review; publishing, archiving and
 * changing a published article need the knowledge-editor permission ({@link #isEditor}), which admins
 * always have and admins grant to other users.
 *
 * <p><b>Transactions and events.</b> Each changing method runs in one transaction that writes the
 * article, its new revision, its audit entry and its events ({@link ArticlePublished}, {@link
 * ArticleArchived}), which listeners receive after the commit. Nothing is half-written: invalid input is
 * refused before anything is stored.
 *
 * <p><b>Errors.</b> Invalid fields throw {@link org.switchboard.platform.InvalidInputException} (400 naming
 * the field), a forbidden status change {@link org.switchboard.platform.RuleViolationException} (422), a
 * stale {@code expectedVersion} {@link org.switchboard.platform.StaleVersionException} (412), a missing
 * permission {@link org.springframework.security.access.AccessDeniedException} (403).
 */
public interface Articles {

    /** Passages are cut at paragraph boundaries to at most about this many characters. */
    int PASSAGE_CHARS = 1200;

    /** Any article by id, in any status. */
    Optional<ArticleView> find(ArticleId id);

    /** An article if {@code reader} may see it ({@code null}: anonymous, published customer articles only). */
    Optional<ArticleView> findVisible(ArticleId id, @Nullable Actor reader);

    Optional<ArticleView> findByExternalId(String externalId);

    /**
     * The article whose current or former slug this is (in {@code language} when given); a former slug
     * finds the article it was renamed from, so old links keep working.
     */
    Optional<ArticleView> findBySlug(String slug, @Nullable Language language);

    /** The published member of the article's family in {@code language} (the article itself if it matches). */
    Optional<ArticleView> translation(ArticleId id, Language language);

    /** Every member of the article's family: the source first, then translations by language. */
    List<ArticleSummary> family(ArticleId id);

    /** The published articles in id order, keyset-paged, for (re)building the search index. */
    Page<PublishedArticle> published(@Nullable String cursor, int limit);

    /** The current published content of one article, empty when it is not (or no longer) published. */
    Optional<PublishedArticle> published(ArticleId id);

    /** The passages of the article's current body (any status). */
    List<Passage> passages(ArticleId id);

    /**
     * Creates or updates the article with this external id and publishes it, in one transaction
     * (publishes {@link ArticlePublished}). Importing the same content again changes nothing.
     *
     * @param actor who imports; {@code null} for the system
     */
    ImportResult importArticle(ImportedArticle article, @Nullable Actor actor);

    /** A new draft (or, with {@code translationOf}, a new translation in draft) owned by the author. */
    ArticleView create(ArticleDraft draft, Actor actor);

    /**
     * A new revision of the article's content. Changing a published article needs the editor permission
     * and republishes it ({@link ArticlePublished}).
     */
    ArticleView update(ArticleId id, ArticleDraft draft, @Nullable Long expectedVersion, Actor actor);

    /** Moves the article through the workflow (see {@link ArticleStatus}). */
    ArticleView changeStatus(ArticleId id, ArticleStatus target, @Nullable Long expectedVersion, Actor actor);

    /** Whether the user holds the knowledge-editor permission (admins always do). */
    boolean isEditor(Actor actor);
}
