-- Per-queue routing policy, applied by the live service through the routing engine (see docs/routing.md).
alter table queue_routing
    add column policy           text             not null default 'longest_idle'
        check (policy in ('longest_idle', 'most_skilled', 'least_occupied', 'round_robin')),
    -- effective priority points an item gains per second of waiting
    add column aging_per_second double precision not null default 0 check (aging_per_second between 0 and 100),
    -- how long a returning customer's last agent is offered the item first (0: not at all)
    add column sticky_seconds   integer          not null default 0 check (sticky_seconds between 0 and 3600),
    -- null: no limit
    add column max_waiting      integer check (max_waiting between 0 and 1000000),
    add column when_full        text             not null default 'reject' check (when_full in ('reject', 'overflow')),
    add column overflow_queue   uuid references queue (id) on delete set null,
    -- [{"afterSeconds": 60, "relaxProficiencyBy": 1, "addTeams": ["<team id>"], "addQueues": ["<queue id>"]}]
    add column overflow_steps   jsonb            not null default '[]';

-- The customer of an item (a returning customer's last agent is its sticky agent) and that agent.
alter table work_item
    add column customer_id     uuid,
    add column preferred_agent uuid;
create index work_item_customer_idx on work_item (customer_id, assigned_at desc) where assigned_at is not null;
