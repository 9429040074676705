package org.switchboard.knowledge.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The knowledge index has one writer at a time (changes are serialized on it), so article changes are
 * indexed on a thread of their own rather than on the shared listener pool: a bulk publish cannot occupy
 * the threads that route new cases, and a backlog of other modules' listeners cannot delay an article
 * becoming searchable.
 */
@Configuration(proxyBeanMethods = false)
class IndexingExecution {

    static final String EXECUTOR = "knowledgeIndexing";

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor knowledgeIndexing() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("knowledge-indexing-");
        // Never interrupt a running change (an interrupt closes Lucene's file channels). What is still
        // queued after 10 s is left to the event publication registry, redelivered at the next start.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
