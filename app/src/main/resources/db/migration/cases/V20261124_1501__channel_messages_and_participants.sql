-- What a channel says about a message: its own id (an email's Message-ID), why it was filed in this case
-- (the threading rule), and for outbound messages how delivery went. Plain text: cases does not know
-- the channels' vocabularies.
alter table case_message add column external_id text;
alter table case_message add column threaded_by text;
alter table case_message add column delivery_status text
    check (delivery_status in ('queued', 'awaiting_approval', 'sent', 'failed', 'rejected'));
alter table case_message add column delivery_detail text;

-- People on a case besides its customer (e.g. Cc recipients of an email); replies go to them too.
create table case_participant (
    case_id    uuid        not null references support_case (id),
    kind       text        not null,
    address    text        not null,
    name       text,
    role       text        not null,
    created_at timestamptz not null,
    primary key (case_id, kind, address)
);
