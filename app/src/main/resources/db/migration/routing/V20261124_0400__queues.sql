-- Queues: where cases are filed; routing matches their work to agents in a later issue.

create table queue (
    id            uuid primary key,
    name          text        not null,
    -- identity's team; a plain id, no cross-module foreign key
    team_id       uuid        not null,
    language      text,
    base_priority integer     not null check (base_priority between 0 and 100),
    active        boolean     not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       bigint      not null default 0
);
create unique index queue_name_key on queue (lower(name));
create index queue_sort_idx on queue (lower(name), id);
create index queue_team_idx on queue (team_id);

create table queue_required_skill (
    queue_id        uuid    not null references queue (id) on delete cascade,
    -- a skill name of identity's catalog, compared case-insensitively
    skill           text    not null,
    min_proficiency integer not null check (min_proficiency between 1 and 5),
    position        integer not null,
    primary key (queue_id, position)
);
create unique index queue_required_skill_key on queue_required_skill (queue_id, lower(skill));
