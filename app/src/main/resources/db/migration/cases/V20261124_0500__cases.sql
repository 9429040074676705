-- The case core. Other modules' ids (customer, queue, user) are plain uuid columns: no cross-module keys.
create sequence case_number_seq start with 10001;

create table support_case (
    id                uuid primary key,
    number            bigint      not null default nextval('case_number_seq'),
    subject           text        not null,
    status            text        not null check (status in ('new', 'open', 'pending', 'resolved', 'closed')),
    pending_reason    text        check (pending_reason in ('waiting_on_customer', 'waiting_on_third_party')),
    -- 0 low, 1 normal, 2 high, 3 urgent: sortable
    priority          smallint    not null check (priority between 0 and 3),
    channel           text        not null,
    customer_id       uuid        not null,
    -- the customer's name when the case was filed, for the list's prefix search (customers are another module)
    customer_name     text,
    queue_id          uuid,
    assignee_id       uuid,
    tags              text[]      not null default '{}',
    category          text,
    disposition       text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    closed_at         timestamptz,
    merged_into       uuid references support_case (id),
    version           bigint      not null default 0
);
alter sequence case_number_seq owned by support_case.number;
create unique index support_case_number on support_case (number);
-- list views: queue views by status, "my cases", a customer's cases, the default list, sorting
create index support_case_status_queue_updated on support_case (status, queue_id, updated_at desc, id desc);
create index support_case_queue_updated on support_case (queue_id, updated_at desc, id desc);
create index support_case_assignee_status on support_case (assignee_id, status, updated_at desc, id desc);
-- "my open cases": walk the agent's cases newest first and stop after a page (statuses filtered on the way)
create index support_case_assignee_updated on support_case (assignee_id, updated_at desc, id desc);
create index support_case_customer on support_case (customer_id, updated_at desc, id desc);
create index support_case_updated on support_case (updated_at desc, id desc);
create index support_case_created on support_case (created_at desc, id desc);
create index support_case_priority on support_case (priority desc, id desc);
create index support_case_tags on support_case using gin (tags);
create index support_case_subject_prefix on support_case (lower(subject) text_pattern_ops);
create index support_case_customer_name_prefix on support_case (lower(customer_name) text_pattern_ops);

create table case_link (
    case_id    uuid        not null references support_case (id),
    other_id   uuid        not null references support_case (id),
    kind       text        not null,
    created_at timestamptz not null,
    primary key (case_id, other_id)
);

create table case_interaction (
    id         uuid primary key,
    case_id    uuid        not null references support_case (id),
    channel    text        not null,
    direction  text        not null check (direction in ('inbound', 'outbound')),
    state      text        not null check (state in ('active', 'ended')),
    agent_id   uuid,
    started_at timestamptz not null,
    ended_at   timestamptz
);
create index case_interaction_case on case_interaction (case_id, started_at);

create table case_message (
    id             uuid primary key,
    case_id        uuid        not null references support_case (id),
    interaction_id uuid        not null references case_interaction (id),
    author_kind    text        not null check (author_kind in ('customer', 'agent', 'system')),
    author_id      uuid,
    visibility     text        not null check (visibility in ('public', 'internal')),
    body_text      text        not null,
    body_html      text,
    created_at     timestamptz not null
);
create index case_message_case on case_message (case_id, created_at);

create table case_attachment (
    id           uuid primary key,
    case_id      uuid        not null references support_case (id),
    message_id   uuid references case_message (id),
    filename     text        not null,
    content_type text        not null,
    size         bigint      not null,
    sha256       text        not null,
    created_by   uuid,
    created_at   timestamptz not null
);
create index case_attachment_case on case_attachment (case_id);
create index case_attachment_message on case_attachment (message_id);

-- Who changed what and when: written in the transaction of the change.
create table case_activity (
    id         bigserial primary key,
    case_id    uuid        not null references support_case (id),
    at         timestamptz not null,
    actor_kind text        not null,
    actor_id   uuid,
    type       text        not null,
    field      text,
    from_value text,
    to_value   text
);
create index case_activity_case on case_activity (case_id, id);

create table canned_response (
    id         uuid primary key,
    name       text        not null,
    body       text        not null,
    created_by uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
create unique index canned_response_name on canned_response (lower(name));
-- "unassigned in queue" and status-only lists
create index support_case_unassigned on support_case (queue_id, updated_at desc, id desc) where assignee_id is null;
create index support_case_status_updated on support_case (status, updated_at desc, id desc);
