-- Admins' own texts of outbound mail, per kind (reply, acknowledgement) and language (en, fr, zh, ru).
-- A missing row means the built-in text of messages/email*.properties; deleting a row goes back to it.
create table email_template (
    kind       text        not null check (kind in ('reply', 'acknowledgement')),
    language   text        not null check (language in ('en', 'fr', 'zh', 'ru')),
    body       text        not null,
    updated_by uuid,
    updated_at timestamptz not null,
    primary key (kind, language)
);
