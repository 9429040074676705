-- Knowledge articles: categories, articles (one row per language; a family shares family_id), their
-- revisions, former slugs (old public URLs redirect), attachments and the knowledge-editor permission.
-- User ids are plain uuid columns: identity's tables are not referenced.

create table knowledge_category (
    id         uuid primary key,
    parent_id  uuid references knowledge_category (id),
    name       text        not null,
    position   int         not null default 0,
    created_at timestamptz not null
);
create unique index knowledge_category_name on knowledge_category (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

create table knowledge_article (
    id              uuid primary key,
    -- the source article of the family (its own id for a source)
    family_id       uuid        not null,
    translation_of  uuid references knowledge_article (id),
    external_id     text,
    language        text        not null check (language ~ '^[a-z]{2}$'),
    title           text        not null,
    slug            text        not null,
    summary         text        not null default '',
    body            text        not null,
    body_html       text        not null,
    category_id     uuid references knowledge_category (id),
    tags            text[]      not null default '{}',
    products        text[]      not null default '{}',
    audience        text        not null check (audience in ('agents', 'customers', 'partners')),
    status          text        not null check (status in ('draft', 'in_review', 'published', 'archived')),
    owner_id        uuid,
    review_by       date,
    revision        int         not null,
    -- the source's revision this translation was last brought up to date with; older => stale
    source_revision int,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    published_at    timestamptz,
    version         bigint      not null default 0
);
create unique index knowledge_article_external_id on knowledge_article (external_id) where external_id is not null;
create unique index knowledge_article_family_language on knowledge_article (family_id, language);
create index knowledge_article_status_updated on knowledge_article (status, updated_at desc, id desc);
create index knowledge_article_updated on knowledge_article (updated_at desc, id desc);
create index knowledge_article_review_by on knowledge_article (review_by) where review_by is not null;
create index knowledge_article_published on knowledge_article (id) where status = 'published';
create index knowledge_article_tags on knowledge_article using gin (tags);
create index knowledge_article_by_slug on knowledge_article (slug);

create table knowledge_article_revision (
    article_id  uuid        not null references knowledge_article (id),
    number      int         not null,
    title       text        not null,
    summary     text        not null,
    body        text        not null,
    tags        text[]      not null default '{}',
    products    text[]      not null default '{}',
    audience    text        not null,
    category_id uuid,
    author_id   uuid,
    note        text,
    created_at  timestamptz not null,
    primary key (article_id, number)
);

-- every slug an article has had: /help/articles/{id}-{old slug} redirects to the current one
create table knowledge_article_slug (
    article_id uuid        not null references knowledge_article (id),
    slug       text        not null,
    created_at timestamptz not null,
    primary key (article_id, slug)
);
create index knowledge_article_slug_slug on knowledge_article_slug (slug);

create table knowledge_attachment (
    id           uuid primary key,
    article_id   uuid        not null references knowledge_article (id),
    filename     text        not null,
    content_type text        not null,
    size         bigint      not null,
    sha256       text        not null,
    created_by   uuid,
    created_at   timestamptz not null
);
create index knowledge_attachment_article on knowledge_attachment (article_id, created_at);

-- the knowledge-editor permission (review and publish); admins hold it without a row
create table knowledge_editor (
    user_id    uuid primary key,
    granted_by uuid,
    granted_at timestamptz not null
);
