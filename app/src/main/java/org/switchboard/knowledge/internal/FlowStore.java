package org.switchboard.knowledge.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowSummary;
import tools.jackson.databind.json.JsonMapper;

/** The flow tables in plain SQL. Callers hold the transaction. */
@Repository
class FlowStore {

    private static final String FLOW = """
            select id, name, audience, language, published_version, updated_at, version, draft
            from knowledge_flow
            """;
    private static final String RUN = """
            select r.id, r.flow_id, r.flow_version, r.mode, r.case_id, r.agent_id, r.current_step, r.status,
                   r.started_at, r.updated_at, r.version, f.name
            from knowledge_flow_run r join knowledge_flow f on f.id = r.flow_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FlowStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record FlowRow(FlowSummary summary, FlowDefinition draft) {}

    record RunRow(
            FlowRunId id,
            FlowId flowId,
            String flowName,
            int flowVersion,
            String mode,
            @Nullable UUID caseId,
            @Nullable UUID agentId,
            String currentStep,
            String status,
            Instant startedAt,
            Instant updatedAt,
            long version) {}

    record Visit(String stepKey, @Nullable String optionKey) {}

    void insertFlow(
            FlowId id, String name, String audience, @Nullable String language, FlowDefinition draft, Instant now) {
        jdbc.sql("""
                        insert into knowledge_flow (id, name, audience, language, draft, created_at, updated_at)
                        values (:id, :name, :audience, :language, cast(:draft as jsonb), :now, :now)""")
                .param("id", id.value())
                .param("name", name)
                .param("audience", audience)
                .param("language", language)
                .param("draft", json.writeValueAsString(draft))
                .param("now", Timestamp.from(now))
                .update();
    }

    List<FlowSummary> list(boolean publishedOnly) {
        return jdbc.sql(FLOW + (publishedOnly ? " where published_version is not null" : "")
                        + " order by lower(name), id")
                .query((rs, n) -> flow(rs).summary())
                .list();
    }

    Optional<FlowRow> find(FlowId id, boolean lock) {
        return jdbc.sql(FLOW + " where id = :id" + (lock ? " for update" : ""))
                .param("id", id.value())
                .query((rs, n) -> flow(rs))
                .optional();
    }

    /** Writes the draft if the stored version is {@code expected}; false when it was not. */
    boolean updateDraft(
            FlowId id,
            String name,
            String audience,
            @Nullable String language,
            FlowDefinition draft,
            long expected,
            Instant now) {
        return jdbc.sql("""
                        update knowledge_flow
                        set name = :name, audience = :audience, language = :language, draft = cast(:draft as jsonb),
                            updated_at = :now, version = version + 1
                        where id = :id and version = :expected""")
                        .param("id", id.value())
                        .param("name", name)
                        .param("audience", audience)
                        .param("language", language)
                        .param("draft", json.writeValueAsString(draft))
                        .param("now", Timestamp.from(now))
                        .param("expected", expected)
                        .update()
                == 1;
    }

    int publish(FlowId id, FlowDefinition definition, @Nullable UUID by, Instant now) {
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from knowledge_flow_version where flow_id = :id")
                .param("id", id.value())
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into knowledge_flow_version (flow_id, number, definition, published_at, published_by)
                        values (:id, :number, cast(:definition as jsonb), :now, :by)""")
                .param("id", id.value())
                .param("number", number)
                .param("definition", json.writeValueAsString(definition))
                .param("now", Timestamp.from(now))
                .param("by", by)
                .update();
        jdbc.sql("""
                        update knowledge_flow set published_version = :number, updated_at = :now, version = version + 1
                        where id = :id""")
                .param("id", id.value())
                .param("number", number)
                .param("now", Timestamp.from(now))
                .update();
        return number;
    }

    List<Integer> versions(FlowId id) {
        return jdbc.sql("select number from knowledge_flow_version where flow_id = :id order by number")
                .param("id", id.value())
                .query(Integer.class)
                .list();
    }

    Optional<FlowDefinition> version(FlowId id, int number) {
        return jdbc.sql("select definition::text from knowledge_flow_version where flow_id = :id and number = :number")
                .param("id", id.value())
                .param("number", number)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, FlowDefinition.class));
    }

    void insertRun(
            FlowRunId id,
            FlowId flow,
            int version,
            String mode,
            @Nullable UUID caseId,
            @Nullable UUID agentId,
            String step,
            Instant now) {
        jdbc.sql("""
                        insert into knowledge_flow_run (id, flow_id, flow_version, mode, case_id, agent_id, current_step,
                                                        status, started_at, updated_at)
                        values (:id, :flow, :version, :mode, :caseId, :agentId, :step, 'active', :now, :now)""")
                .param("id", id.value())
                .param("flow", flow.value())
                .param("version", version)
                .param("mode", mode)
                .param("caseId", caseId)
                .param("agentId", agentId)
                .param("step", step)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<RunRow> run(FlowRunId id, boolean lock) {
        return jdbc.sql(RUN + " where r.id = :id" + (lock ? " for update of r" : ""))
                .param("id", id.value())
                .query((rs, n) -> run(rs))
                .optional();
    }

    List<RunRow> runsOfCase(UUID caseId) {
        return jdbc.sql(RUN + " where r.case_id = :caseId and r.mode = 'agent' order by r.started_at desc, r.id desc")
                .param("caseId", caseId)
                .query((rs, n) -> run(rs))
                .list();
    }

    void moveRun(FlowRunId id, String step, String status, @Nullable String outcome, Instant now) {
        jdbc.sql("""
                        update knowledge_flow_run
                        set current_step = :step, status = :status, outcome = :outcome, updated_at = :now,
                            completed_at = case when :status = 'completed' then cast(:now as timestamptz) end,
                            version = version + 1
                        where id = :id""")
                .param("id", id.value())
                .param("step", step)
                .param("status", status)
                .param("outcome", outcome)
                .param("now", Timestamp.from(now))
                .update();
    }

    void setCase(FlowRunId id, UUID caseId) {
        jdbc.sql("update knowledge_flow_run set case_id = :caseId, version = version + 1 where id = :id")
                .param("id", id.value())
                .param("caseId", caseId)
                .update();
    }

    void visit(FlowRunId run, String step, Instant now) {
        jdbc.sql("""
                        insert into knowledge_flow_step_visit (run_id, seq, step_key, at)
                        values (:run, (select coalesce(max(seq), 0) + 1 from knowledge_flow_step_visit where run_id = :run),
                                :step, :now)""")
                .param("run", run.value())
                .param("step", step)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Records the answer on the run's latest visit (the step it was waiting on). */
    void answer(FlowRunId run, String option) {
        jdbc.sql("""
                        update knowledge_flow_step_visit set option_key = :option
                        where run_id = :run and seq = (select max(seq) from knowledge_flow_step_visit where run_id = :run)""").param("run", run.value()).param("option", option).update();
    }

    List<Visit> visits(FlowRunId run) {
        return jdbc.sql("select step_key, option_key from knowledge_flow_step_visit where run_id = :run order by seq")
                .param("run", run.value())
                .query((rs, n) -> new Visit(rs.getString(1), rs.getString(2)))
                .list();
    }

    record RunTotals(long started, long completed, long droppedOff, long inProgress) {}

    RunTotals totals(FlowId flow, int version, Instant idleBefore) {
        return jdbc.sql("""
                        select count(*),
                               count(*) filter (where status = 'completed'),
                               count(*) filter (where status = 'abandoned' or (status = 'active' and updated_at < :idle)),
                               count(*) filter (where status = 'active' and updated_at >= :idle)
                        from knowledge_flow_run where flow_id = :flow and flow_version = :version""")
                .param("flow", flow.value())
                .param("version", version)
                .param("idle", Timestamp.from(idleBefore))
                .query((rs, n) -> new RunTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    record StepCounts(long reached, long continued, long completed, long droppedOff) {}

    /** Per step key: runs that reached it, answered it, ended at it, and stopped at it. */
    Map<String, StepCounts> stepCounts(FlowId flow, int version, Instant idleBefore) {
        var counts = new java.util.HashMap<String, StepCounts>();
        jdbc.sql("""
                        select v.step_key,
                               count(distinct v.run_id),
                               count(distinct v.run_id) filter (where v.option_key is not null),
                               count(distinct v.run_id) filter (where r.status = 'completed' and r.current_step = v.step_key),
                               count(distinct v.run_id) filter (where r.current_step = v.step_key
                                   and (r.status = 'abandoned' or (r.status = 'active' and r.updated_at < :idle)))
                        from knowledge_flow_step_visit v join knowledge_flow_run r on r.id = v.run_id
                        where r.flow_id = :flow and r.flow_version = :version
                        group by v.step_key""")
                .param("flow", flow.value())
                .param("version", version)
                .param("idle", Timestamp.from(idleBefore))
                .query((ResultSet rs) -> {
                    counts.put(
                            rs.getString(1),
                            new StepCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                });
        return counts;
    }

    private FlowRow flow(ResultSet rs) throws SQLException {
        Integer published = rs.getObject("published_version", Integer.class);
        return new FlowRow(
                new FlowSummary(
                        new FlowId(rs.getObject("id", UUID.class)),
                        rs.getString("name"),
                        rs.getString("audience"),
                        rs.getString("language"),
                        published,
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getLong("version")),
                json.readValue(rs.getString("draft"), FlowDefinition.class));
    }

    private static RunRow run(ResultSet rs) throws SQLException {
        return new RunRow(
                new FlowRunId(rs.getObject("id", UUID.class)),
                new FlowId(rs.getObject("flow_id", UUID.class)),
                rs.getString("name"),
                rs.getInt("flow_version"),
                rs.getString("mode"),
                rs.getObject("case_id", UUID.class),
                rs.getObject("agent_id", UUID.class),
                rs.getString("current_step"),
                rs.getString("status"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }
}
