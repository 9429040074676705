-- "unassigned in queue" and status-only lists stay index scans at a million cases
create index support_case_unassigned on support_case (queue_id, updated_at desc, id desc) where assignee_id is null;
create index support_case_status_updated on support_case (status, updated_at desc, id desc);
