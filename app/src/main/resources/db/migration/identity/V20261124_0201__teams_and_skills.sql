create table team (
    id          uuid primary key,
    name        text        not null,
    description text,
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
create unique index team_name on team (lower(name));

create table team_member (
    team_id  uuid        not null references team (id) on delete cascade,
    user_id  uuid        not null references app_user (id) on delete cascade,
    added_at timestamptz not null,
    primary key (team_id, user_id)
);
create index team_member_user on team_member (user_id);

-- The skill catalog: names are short lower-case words (billing, hardware)
create table skill (
    name        text primary key check (name ~ '^[a-z][a-z0-9_-]{0,39}$'),
    description text,
    created_at  timestamptz not null
);

create table user_skill (
    user_id     uuid    not null references app_user (id) on delete cascade,
    skill       text    not null references skill (name),
    proficiency integer not null check (proficiency between 1 and 5),
    primary key (user_id, skill)
);

-- ISO 639-1 codes the user handles contacts in
create table user_language (
    user_id  uuid not null references app_user (id) on delete cascade,
    language text not null check (language ~ '^[a-z]{2}$'),
    position integer not null,
    primary key (user_id, language)
);
