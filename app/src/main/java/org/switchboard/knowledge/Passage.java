package org.switchboard.knowledge;

/**
 * A retrievable piece of a published article: long bodies are split at headings and paragraphs into
 * passages of at most about {@link Articles#PASSAGE_CHARS} characters, so a search hit can point at the
 * best one. Passage ids are stable for the same text: {@code <articleId>#<ordinal>}.
 *
 * @param ordinal 0 for the first passage (which starts with the title's section)
 * @param heading the nearest Markdown heading above the passage, or the article title
 * @param text plain text (Markdown markup removed)
 */
public record Passage(String passageId, ArticleId articleId, int ordinal, String heading, String text) {}
