/**
 * The knowledge base: multilingual articles with versions and translations, import, search (lexical and
 * semantic), agent suggestions, guided resolution flows and knowledge feedback. Depends on {@code cases},
 * {@code identity}, {@code customer}, {@code routing} and {@code platform}.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.knowledge;
