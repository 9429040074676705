create table app_user (
    id             uuid primary key,
    username       text        not null,
    email          text,
    display_name   text        not null,
    -- null until an invited user sets a password: such a user cannot log in with a password
    password_hash  text,
    role           text        not null check (role in ('agent', 'supervisor', 'admin')),
    active         boolean     not null default true,
    locale         text        not null default 'en' check (locale in ('en', 'fr', 'zh', 'ru')),
    time_zone      text        not null default 'UTC',
    capacity_voice integer     not null default 1 check (capacity_voice between 0 and 100),
    capacity_chat  integer     not null default 3 check (capacity_chat between 0 and 100),
    capacity_email integer     not null default 5 check (capacity_email between 0 and 100),
    created_at     timestamptz not null,
    deactivated_at timestamptz,
    version        bigint      not null default 0
);
create unique index app_user_username on app_user (lower(username));
create unique index app_user_email on app_user (lower(email));
