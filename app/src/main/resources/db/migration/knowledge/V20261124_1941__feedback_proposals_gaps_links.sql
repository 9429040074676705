-- Knowledge feedback, proposals from cases, the knowledge-gaps log and the articles used on cases.
-- Article, case and user ids are plain ids (articles are ours, but feedback must outlive an article's
-- removal; cases and users belong to other modules).

create table knowledge_feedback (
    id         uuid primary key,
    article_id uuid        not null,
    helpful    boolean     not null,
    comment    text,
    -- customer (help center, anonymous) or agent (signed in)
    source     text        not null check (source in ('customer', 'agent')),
    user_id    uuid,
    case_id    uuid,
    -- the search that led to the article, if known
    query      text,
    created_at timestamptz not null
);
create index knowledge_feedback_article_idx on knowledge_feedback (article_id, created_at desc);

create table knowledge_proposal (
    id          uuid primary key,
    -- edit: a change to an existing article; new: a new article (then a draft in review)
    kind        text        not null check (kind in ('edit', 'new')),
    article_id  uuid,
    case_id     uuid,
    title       text        not null,
    body        text        not null,
    note        text,
    proposed_by uuid        not null,
    status      text        not null check (status in ('open', 'accepted', 'rejected')),
    created_at  timestamptz not null,
    decided_by  uuid,
    decided_at  timestamptz,
    decision_note text,
    version     bigint      not null default 0
);
create index knowledge_proposal_status_idx on knowledge_proposal (status, created_at desc);

-- Searches that found nothing useful: no hit, no click, or the reader said the answer did not help.
create table knowledge_search_gap (
    id         uuid primary key,
    query      text        not null,
    -- lower-cased, NFKC, punctuation removed, spaces collapsed: the key the report groups by
    normalized text        not null,
    language   text,
    reason     text        not null check (reason in ('zero_hits', 'no_click', 'not_helpful')),
    -- customer, agent or suggestions (the case page)
    source     text        not null,
    at         timestamptz not null
);
create index knowledge_search_gap_at_idx on knowledge_search_gap (at, normalized);

-- An article an agent inserted into a reply on a case; every insert is one use.
create table knowledge_case_article (
    id         uuid primary key,
    case_id    uuid        not null,
    article_id uuid        not null,
    -- the translation actually inserted (the customer's language when one exists)
    inserted_article_id uuid not null,
    language   text        not null,
    user_id    uuid        not null,
    at         timestamptz not null
);
create index knowledge_case_article_case_idx on knowledge_case_article (case_id, at);
create index knowledge_case_article_article_idx on knowledge_case_article (article_id);
