-- Routing's state: the database is the source of truth; the in-memory dispatcher is rebuilt from it at start.

-- One row per agent (an agent id is identity's user id; no cross-module foreign key).
create table agent_presence (
    agent_id       uuid primary key,
    state          text        not null check (state in ('offline', 'available', 'away', 'busy', 'wrap_up')),
    reason         text,
    -- the desktop session that holds the presence (see docs/routing.md, "logged out elsewhere")
    desktop        text,
    since          timestamptz not null,
    last_heartbeat timestamptz,
    version        bigint      not null default 0
);

-- Everything that needs an agent. seq orders items of equal priority that were enqueued in the same instant.
create table work_item (
    id             uuid primary key,
    seq            bigserial   not null unique,
    kind           text        not null check (kind in ('case', 'callback')),
    case_id        uuid,
    queue_id       uuid        not null references queue (id),
    channel        text        not null check (channel in ('voice', 'chat', 'email')),
    -- [{"skill": "billing", "minProficiency": 3}, ...]
    skills         jsonb       not null default '[]',
    language       text,
    priority       integer     not null,
    enqueued_at    timestamptz not null,
    -- a scheduled callback is not offered before this instant
    not_before     timestamptz,
    status         text        not null check (status in ('waiting', 'offered', 'assigned', 'completed', 'cancelled')),
    agent_id       uuid,
    phone          text,
    note           text,
    -- the case event that created the item: a redelivered event creates nothing
    source_event   uuid unique,
    assigned_at    timestamptz,
    completed_at   timestamptz,
    updated_at     timestamptz not null
);
create index work_item_waiting_idx on work_item (queue_id, priority desc, enqueued_at, seq) where status in ('waiting', 'offered');
create index work_item_agent_idx on work_item (agent_id) where status in ('offered', 'assigned');
-- one live case item per case: a reopen while the case still waits adds nothing
create unique index work_item_live_case_key on work_item (case_id) where kind = 'case' and status in ('waiting', 'offered', 'assigned');
create index work_item_completed_idx on work_item (queue_id, completed_at) where status = 'completed';

create table offer (
    id           uuid primary key,
    work_item_id uuid        not null references work_item (id),
    agent_id     uuid        not null,
    offered_at   timestamptz not null,
    expires_at   timestamptz not null,
    status       text        not null check (status in ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
    ended_at     timestamptz
);
-- the database itself refuses a second open offer of one work item
create unique index offer_open_item_key on offer (work_item_id) where status = 'open';
create index offer_open_idx on offer (agent_id) where status = 'open';

-- Per-queue routing settings and opening hours (no row: always open, offers, defaults below).
create table queue_routing (
    queue_id          uuid primary key references queue (id) on delete cascade,
    time_zone         text    not null default 'UTC',
    after_hours       text    not null default 'message' check (after_hours in ('callback', 'message', 'self_service')),
    self_service_url  text,
    auto_assign       boolean not null default false,
    offer_seconds     integer not null default 20 check (offer_seconds between 5 and 600),
    wrap_up_seconds   integer not null default 60 check (wrap_up_seconds between 0 and 3600),
    -- false: no weekly calendar, open around the clock
    has_hours         boolean not null default false,
    version           bigint  not null default 0
);

create table queue_opening (
    queue_id    uuid    not null references queue (id) on delete cascade,
    -- ISO day of week, 1 = Monday
    day_of_week integer not null check (day_of_week between 1 and 7),
    opens       time    not null,
    closes      time    not null check (closes > opens),
    primary key (queue_id, day_of_week, opens)
);
