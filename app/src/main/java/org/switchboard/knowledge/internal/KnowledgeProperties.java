package org.switchboard.knowledge.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge articles ({@code switchboard.knowledge.*}).
 *
 * @param maxBodyChars longest accepted article body (Markdown), in characters
 * @param maxImportBytes largest file accepted by the document import (a larger one is a 413)
 * @param maxAttachmentBytes largest article attachment
 */
@ConfigurationProperties("switchboard.knowledge")
public record KnowledgeProperties(
        @DefaultValue("200000") int maxBodyChars,
        @DefaultValue("26214400") long maxImportBytes,
        @DefaultValue("26214400") long maxAttachmentBytes) {}
