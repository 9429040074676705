-- Mailboxes: where mail is fetched (IMAP) and sent from (SMTP). Secrets are AES-GCM ciphertexts
-- (iv || ciphertext+tag), keyed by switchboard.email.secret-key; never stored in clear.
create table email_mailbox (
    id                   uuid primary key,
    name                 text        not null,
    address              text        not null,
    queue_id             uuid,
    imap_host            text        not null,
    imap_port            integer     not null check (imap_port between 1 and 65535),
    imap_security        text        not null check (imap_security in ('none', 'starttls', 'ssl')),
    imap_username        text        not null,
    imap_secret          bytea       not null,
    imap_auth            text        not null default 'password' check (imap_auth in ('password', 'xoauth2')),
    imap_folder          text        not null default 'INBOX',
    after_import         text        not null default 'flag' check (after_import in ('flag', 'move')),
    move_to_folder       text,
    smtp_host            text        not null,
    smtp_port            integer     not null check (smtp_port between 1 and 65535),
    smtp_security        text        not null check (smtp_security in ('none', 'starttls', 'ssl')),
    smtp_username        text,
    smtp_secret          bytea,
    smtp_auth            text        not null default 'password' check (smtp_auth in ('password', 'xoauth2')),
    active               boolean     not null default true,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              bigint      not null default 0
);
create unique index email_mailbox_address on email_mailbox (lower(address));
create unique index email_mailbox_name on email_mailbox (lower(name));

-- Other addresses delivered into a mailbox (aliases, plus-addresses) and the queue their mail is filed in.
create table email_alias (
    address    text primary key,
    mailbox_id uuid not null references email_mailbox (id) on delete cascade,
    queue_id   uuid
);

-- Health of each mailbox's connection: consecutive failures raise an alert.
create table email_mailbox_health (
    mailbox_id           uuid primary key references email_mailbox (id) on delete cascade,
    last_success_at      timestamptz,
    last_failure_at      timestamptz,
    last_error           text,
    consecutive_failures integer not null default 0,
    mode                 text
);

-- Fetch progress per mailbox folder: every UID up to last_uid of this UIDVALIDITY is stored.
create table email_fetch_state (
    mailbox_id  uuid   not null references email_mailbox (id) on delete cascade,
    folder      text   not null,
    uidvalidity bigint not null,
    last_uid    bigint not null,
    primary key (mailbox_id, folder)
);

-- Every fetched message, raw, stored before it is parsed. Status: stored (not processed yet), ingested
-- (a case message exists), duplicate (same Message-ID or content already ingested in this mailbox),
-- quarantined, discarded (classified as noise), reported (a delivery report attached to its case).
create table email_inbound (
    id              uuid primary key,
    mailbox_id      uuid        not null references email_mailbox (id) on delete cascade,
    folder          text        not null,
    uidvalidity     bigint      not null,
    uid             bigint      not null,
    message_id      text,
    content_hash    text        not null,
    raw             bytea       not null,
    size            integer     not null,
    status          text        not null check (status in ('stored', 'ingested', 'duplicate', 'quarantined', 'discarded', 'reported', 'failed')),
    case_id         uuid,
    case_message_id uuid,
    threaded_by     text,
    detail          text,
    fetched_at      timestamptz not null,
    processed_at    timestamptz,
    flagged         boolean     not null default false,
    attempts        integer     not null default 0
);
create unique index email_inbound_uid on email_inbound (mailbox_id, folder, uidvalidity, uid);
create index email_inbound_pending on email_inbound (mailbox_id, fetched_at) where status = 'stored';
create index email_inbound_unflagged on email_inbound (mailbox_id) where flagged = false and status <> 'stored';
-- dedupe: one ingested message per Message-ID (or, without one, per content) and mailbox
create unique index email_inbound_message_id on email_inbound (mailbox_id, message_id)
    where status = 'ingested' and message_id is not null;
create unique index email_inbound_content on email_inbound (mailbox_id, content_hash)
    where status = 'ingested' and message_id is null;

-- Per queue: the From address and signature of replies, and whether replies need a supervisor's approval.
create table email_queue_settings (
    queue_id          uuid primary key,
    from_address      text,
    from_name         text,
    signature         text,
    requires_approval boolean not null default false,
    -- a rule: replies containing one of these words (case-insensitive) need approval too
    approval_keywords text[]  not null default '{}',
    updated_at        timestamptz not null
);

-- Outgoing replies: one row per case message to send, with its retries and approval.
create table email_outbound (
    id              uuid primary key,
    case_id         uuid        not null,
    case_message_id uuid        not null unique,
    mailbox_id      uuid,
    message_id      text        not null unique,
    status          text        not null check (status in ('queued', 'awaiting_approval', 'sent', 'failed', 'rejected')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    author_id       uuid,
    approval_reason text,
    decided_by      uuid,
    decided_at      timestamptz,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index email_outbound_due on email_outbound (next_attempt_at) where status = 'queued';
create index email_outbound_case on email_outbound (case_id, created_at);
