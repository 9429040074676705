-- Automatic acknowledgements: switched on per queue, sent as outbound rows of their own kind.
alter table email_queue_settings add column auto_acknowledge boolean not null default false;

alter table email_outbound add column kind text not null default 'reply'
    check (kind in ('reply', 'acknowledgement'));
-- the inbound mail an acknowledgement answers: unique, so no retry or repeat can acknowledge a mail twice
alter table email_outbound add column inbound_id uuid unique;
-- the address an acknowledgement goes to (replies go to the case's customer and participants)
alter table email_outbound add column recipient text;
