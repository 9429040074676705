package org.switchboard.knowledge;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.identity.Actor;

/**
 * Knowledge on a case: the best articles for the case's latest customer message, and the articles an
 * agent inserted into a reply (linked to the case; every insert counts as one use of the article).
 */
public interface CaseArticles {

    /**
     * The best articles for the latest customer message of the case (empty when the case has none or
     * search is not available). A search with no hit is logged as a knowledge gap.
     */
    List<KnowledgeHit> suggestions(CaseId caseId, Actor agent);

    /**
     * Links the article to the case and returns the text to insert into the reply: the published
     * translation in the customer's language when one exists, otherwise the article itself.
     */
    Inserted insert(CaseId caseId, ArticleId articleId, Actor agent);

    /** The articles inserted on the case, oldest first. */
    List<Inserted> linked(CaseId caseId, Actor agent);

    /**
     * @param articleId the article chosen
     * @param insertedArticleId the translation inserted (equal to {@code articleId} when none was used)
     * @param text the plain text to insert: title, body and the article's public address
     */
    record Inserted(
            ArticleId articleId,
            ArticleId insertedArticleId,
            String language,
            String title,
            String text,
            @Nullable String path,
            Instant at) {}
}
