-- Secrets are stored only as SHA-256 hashes (hex); the clear value is shown once or mailed.
create table invitation (
    token_hash  text primary key,
    user_id     uuid        not null references app_user (id) on delete cascade,
    created_by  uuid,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index invitation_user on invitation (user_id);

create table password_reset (
    token_hash  text primary key,
    user_id     uuid        not null references app_user (id) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index password_reset_user on password_reset (user_id);

create table api_token (
    id           uuid primary key,
    user_id      uuid        not null references app_user (id) on delete cascade,
    name         text        not null,
    token_hash   text        not null unique,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id, created_at desc);
