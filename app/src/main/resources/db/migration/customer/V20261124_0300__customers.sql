-- Customers, their organizations and channel identities.

create table organization (
    id           uuid primary key,
    name         text        not null,
    email_domain text,
    created_at   timestamptz not null
);
create unique index organization_name_key on organization (lower(name));
create unique index organization_email_domain_key on organization (email_domain) where email_domain is not null;

create table customer (
    id                 uuid primary key,
    name               text        not null,
    organization_id    uuid references organization (id),
    preferred_language text,
    time_zone          text,
    tier               text        not null default 'standard',
    tags               text[]      not null default '{}',
    notes              text,
    -- set when this customer was merged into another: its id then resolves to the survivor
    merged_into        uuid references customer (id),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    version            bigint      not null default 0
);
-- search by name prefix and keyset paging by (lower(name), id)
create index customer_name_idx on customer (lower(name) text_pattern_ops, id) where merged_into is null;
create index customer_sort_idx on customer (lower(name), id) where merged_into is null;
create index customer_tags_idx on customer using gin (tags);
create index customer_organization_idx on customer (organization_id);

create table customer_identity (
    id          uuid primary key,
    -- deferred, so identify-or-create can claim the identity before it inserts the customer
    customer_id uuid        not null references customer (id) deferrable initially deferred,
    kind        text        not null check (kind in ('email', 'phone', 'chat_visitor', 'portal_account')),
    value       text        not null,
    created_at  timestamptz not null,
    constraint customer_identity_key unique (kind, value)
);
create index customer_identity_customer_idx on customer_identity (customer_id);
create index customer_identity_value_prefix_idx on customer_identity (value text_pattern_ops);
