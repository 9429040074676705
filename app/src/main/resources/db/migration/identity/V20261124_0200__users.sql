create table app_user (
    id            uuid primary key,
    username      text        not null,
    email         text,
    display_name  text        not null,
    password_hash text,
    role          text        not null check (role in ('agent', 'supervisor', 'admin')),
    active        boolean     not null default true,
    locale        text        not null default 'en',
    time_zone     text        not null default 'UTC',
    created_at    timestamptz not null,
    version       bigint      not null default 0
);
create unique index app_user_username on app_user (lower(username));
create unique index app_user_email on app_user (lower(email));
