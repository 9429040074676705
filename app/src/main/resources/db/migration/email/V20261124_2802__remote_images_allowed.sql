-- Email messages whose remote images an agent chose to show (blocked by default: loading them tells
-- the sender the mail was read). Per case message; the choice is also in the audit log.
create table email_remote_images_allowed (
    case_message_id uuid        primary key,
    allowed_by      uuid        not null,
    allowed_at      timestamptz not null
);
