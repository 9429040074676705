-- Threading: every Message-ID Switchboard received or sent, and every id those messages named in
-- In-Reply-To / References ("phantom" until that message itself arrives), with the case it belongs to.
create table email_thread_message (
    message_id      text        primary key,  -- without angle brackets; ids over 500 chars as 'sha256:<hex>'
    case_id         uuid        not null,
    kind            text        not null check (kind in ('received', 'sent', 'phantom')),
    case_message_id uuid,
    threaded_by     text,
    subject_key     text,                     -- normalized subject, for the optional subject heuristic
    participants    text[]      not null default '{}',
    recorded_at     timestamptz not null
);
create index email_thread_message_case on email_thread_message (case_id);
create index email_thread_message_case_message on email_thread_message (case_message_id) where case_message_id is not null;
create index email_thread_message_subject on email_thread_message (subject_key, recorded_at desc) where subject_key is not null;

-- Messages that could not be parsed, kept raw and re-processable.
create table email_quarantine (
    id          uuid        primary key,
    mailbox     text        not null,
    source      text,
    raw         bytea       not null,
    size        bigint      not null,
    reason      text        not null,
    defects     text[]      not null default '{}',
    status      text        not null check (status in ('quarantined', 'released', 'discarded')),
    attempts    int         not null default 1,
    created_at  timestamptz not null,
    resolved_at timestamptz,
    resolved_by text
);
create unique index email_quarantine_source on email_quarantine (mailbox, source) where source is not null;
create index email_quarantine_created on email_quarantine (created_at desc);

-- The administrator's blocklist: addresses and domains.
create table email_blocked_sender (
    id         uuid        primary key,
    pattern    text        not null unique,
    note       text,
    created_by text        not null,
    created_at timestamptz not null
);

-- Automatic acknowledgements sent, for the per-sender rate limit.
create table email_auto_ack (
    sender  text        not null,
    sent_at timestamptz not null
);
create index email_auto_ack_sender on email_auto_ack (sender, sent_at desc);
