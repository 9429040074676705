-- Knowledge search: what the search index is built from, admin synonyms, clicks on results.

-- The searchable content of each published article (a projection kept by the search side). A row with
-- published = false is an archived article the index must drop. seq orders changes: the index stores the
-- highest seq it has committed and catches up from there after a restart.
create sequence knowledge_search_seq;

create table knowledge_search_article (
    article_id  varchar(64) primary key,
    external_id varchar(200),
    language    varchar(16)  not null,
    audience    varchar(16)  not null,
    title       text         not null,
    body        text         not null,
    tags        text[]       not null default '{}',
    categories  text[]       not null default '{}',
    products    text[]       not null default '{}',
    passages    text[]       not null default '{}',
    published   boolean      not null,
    seq         bigint       not null,
    updated_at  timestamptz  not null
);
create index knowledge_search_article_seq on knowledge_search_article (seq);
-- Not unique: the articles module owns external ids; two writers of one article may race here.
create index knowledge_search_article_external on knowledge_search_article (external_id);

-- Words that mean the same in one language, edited by admins; used when ranking.
create table knowledge_synonym (
    id         uuid primary key,
    language   varchar(16) not null,
    terms      text        not null,
    created_at timestamptz not null
);

create table knowledge_search_click (
    id         bigserial primary key,
    article_id varchar(64)  not null,
    passage_id varchar(100),
    query      text,
    user_id    varchar(64),
    clicked_at timestamptz  not null
);
create index knowledge_search_click_article on knowledge_search_click (article_id);
