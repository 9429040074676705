-- Guided resolution flows: an editable draft per flow, immutable published versions, and the runs of
-- agents and customers through one version (a run keeps its version, so publishing never changes it).

create table knowledge_flow (
    id                uuid primary key,
    name              text        not null,
    -- who may run it: agents (on a case), customers (self-service) or both
    audience          text        not null check (audience in ('agents', 'customers', 'both')),
    language          text,
    -- the definition being edited: {"start", "steps": [...]}, validated on publish
    draft             jsonb       not null,
    published_version integer,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);
create index knowledge_flow_name_idx on knowledge_flow (lower(name), id);

create table knowledge_flow_version (
    flow_id      uuid        not null references knowledge_flow (id) on delete cascade,
    number       integer     not null,
    definition   jsonb       not null,
    published_at timestamptz not null,
    -- identity's user; a plain id, no cross-module foreign key
    published_by uuid,
    primary key (flow_id, number)
);

create table knowledge_flow_run (
    id           uuid primary key,
    flow_id      uuid        not null,
    flow_version integer     not null,
    -- agent (on a case) or self_service (a customer on the help center)
    mode         text        not null check (mode in ('agent', 'self_service')),
    -- cases' case; set for agent runs and once a self-service run opened a case
    case_id      uuid,
    agent_id     uuid,
    current_step text        not null,
    status       text        not null check (status in ('active', 'completed', 'abandoned')),
    -- the ending's kind once completed (article, open_case, callback, message)
    outcome      text,
    started_at   timestamptz not null,
    updated_at   timestamptz not null,
    completed_at timestamptz,
    version      bigint      not null default 0,
    foreign key (flow_id, flow_version) references knowledge_flow_version (flow_id, number)
);
create index knowledge_flow_run_flow_idx on knowledge_flow_run (flow_id, flow_version);
create index knowledge_flow_run_case_idx on knowledge_flow_run (case_id) where case_id is not null;

-- Every step a run reached, in order, with the option chosen there (null while it waits or at an ending).
create table knowledge_flow_step_visit (
    run_id     uuid        not null references knowledge_flow_run (id) on delete cascade,
    seq        integer     not null,
    step_key   text        not null,
    option_key text,
    at         timestamptz not null,
    primary key (run_id, seq)
);
create index knowledge_flow_step_visit_step_idx on knowledge_flow_step_visit (step_key);
