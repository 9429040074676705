-- Seeds :count cases (default 1,000,000) for the list-view and creation benchmarks, spread over the
-- last 365 days across the existing customers, queues and agents (load the demo data first).
-- Run: psql -v count=1000000 -f bench/src/main/resources/seed-cases.sql <database>
\if :{?count}
\else
  \set count 1000000
\endif
begin;
create temporary table seed_customer as select id, name, row_number() over () - 1 as n from customer where merged_into is null;
create temporary table seed_queue as select id, row_number() over () - 1 as n from queue;
create temporary table seed_agent as select id, row_number() over () - 1 as n from app_user where role = 'agent';
insert into support_case (id, subject, status, pending_reason, priority, channel, customer_id, customer_name,
                          queue_id, assignee_id, tags, created_at, updated_at, first_response_at, resolved_at,
                          closed_at, version)
select gen_random_uuid(),
       'Seeded request ' || g,
       s.status,
       case when s.status = 'pending' then 'waiting_on_customer' end,
       (g % 4)::smallint,
       (array['email', 'chat', 'voice', 'portal', 'api'])[1 + g % 5],
       c.id, c.name,
       q.id,
       case when s.status = 'new' and g % 3 = 0 then null else a.id end,
       array[(array['billing', 'shipping', 'technical', 'accounts'])[1 + g % 4]],
       t.created, t.created + interval '2 hours', t.created + interval '30 minutes',
       case when s.status in ('resolved', 'closed') then t.created + interval '1 day' end,
       case when s.status = 'closed' then t.created + interval '4 days' end,
       0
from generate_series(1, :count) as g
cross join lateral (select (array['closed', 'closed', 'closed', 'closed', 'resolved', 'open', 'pending', 'new'])[1 + g % 8] as status) s
cross join lateral (select now() - (g::double precision / :count) * interval '365 days' as created) t
join seed_customer c on c.n = g % (select count(*) from seed_customer)
join seed_queue q on q.n = g % (select count(*) from seed_queue)
join seed_agent a on a.n = (g / 7) % (select count(*) from seed_agent);
commit;
analyze support_case;
