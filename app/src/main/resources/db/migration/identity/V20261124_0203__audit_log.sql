-- Who did what to which record. Append-only: the trigger refuses every UPDATE, DELETE and TRUNCATE.
create table audit_log (
    id             uuid primary key,
    at             timestamptz not null,
    actor_id       uuid,
    actor_username text,
    action         text        not null,
    entity_type    text        not null,
    entity_id      text,
    details        jsonb       not null default '{}'::jsonb
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_entity on audit_log (entity_type, entity_id, at desc);
create index audit_log_actor on audit_log (actor_id, at desc);
create index audit_log_action on audit_log (action, at desc);

create function audit_log_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end;
$$;

create trigger audit_log_no_update_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only();
