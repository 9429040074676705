-- The append-only interaction-event log: every state change of a case, interaction, offer or agent.
create table interaction_event (
    id             bigserial primary key,
    event_id       uuid        not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    case_id        uuid,
    interaction_id uuid,
    agent_id       uuid,
    queue_id       uuid,
    channel        text,
    customer_id    uuid,
    attributes     jsonb       not null default '{}'
);
-- a republished event is not appended twice
create unique index interaction_event_event_id on interaction_event (event_id);
create index interaction_event_type on interaction_event (type, id);
create index interaction_event_occurred on interaction_event (occurred_at);
create index interaction_event_case on interaction_event (case_id, id);

create function interaction_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'interaction_event is append-only (% refused)', tg_op;
end;
$$;
create trigger interaction_event_no_change
    before update or delete on interaction_event
    for each row execute function interaction_event_append_only();
create trigger interaction_event_no_truncate
    before truncate on interaction_event
    for each statement execute function interaction_event_append_only();
