-- Idempotency-Key claims and stored responses of API POSTs (platform/web/IdempotencyFilter).
create table idempotency_key (
    principal        text        not null,
    idem_key         text        not null,
    request_hash     text        not null,
    method           text        not null,
    path             text        not null,
    status           integer,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz not null,
    primary key (principal, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
