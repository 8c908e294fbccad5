package dev.hookline.deploy;

import static dev.hookline.deploy.SessionValues.Format.JSON;
import static dev.hookline.deploy.SessionValues.Format.SINGLE_OBJECT;
import static dev.hookline.deploy.SessionValues.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.deploy.SessionValues.Value;
import dev.hookline.schema.CallOutcome;
import dev.hookline.schema.CallSession;
import dev.hookline.schema.Direction;
import dev.hookline.schema.Topics;
import dev.hookline.testkit.KafkaBroker;
import dev.hookline.testkit.WithKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL analytics example end to end: call.sessions.v1 on a real broker (both registry-less
 * formats on one topic), examples/python/sessions_to_postgres.py into a real PostgreSQL with the
 * table of examples/postgres/call_sessions.sql, and the report of
 * examples/postgres/missed_calls_per_line_per_hour.sql.
 */
@WithKafka
class PostgresAnalyticsIT {

    private static final Path SQL = Path.of("..", "examples", "postgres");
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final String A = "1001@pbx.example";
    private static final String B = "2001@pbx.example";

    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        Map<String, String> modules = new HashMap<>(PythonExamples.KAFKA_MODULES);
        modules.putAll(PythonExamples.POSTGRES_MODULE);
        PythonExamples.requireModules(modules);
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void reportsCallsMissedAnsweredAndRingTimePerLineAndHour(KafkaBroker kafka) throws Exception {
        String topic = Topics.CALL_SESSIONS.name(kafka.createTopics("pg-report", 2));
        List<CallSession> sessions = List.of(
                session("a-answered", A, Direction.INBOUND, CallOutcome.ANSWERED, at("09:05:00.250"), 4_000L),
                session("a-answered-2", A, Direction.INBOUND, CallOutcome.ANSWERED, at("09:20:00"), 8_000L),
                session("a-missed", A, Direction.INBOUND, CallOutcome.MISSED, at("09:59:59.999"), null),
                session("a-rejected", A, Direction.INBOUND, CallOutcome.REJECTED, at("09:30:00"), null),
                session("a-cancelled", A, Direction.OUTBOUND, CallOutcome.CANCELLED, at("09:40:00"), null),
                session("a-missed-2", A, Direction.INBOUND, CallOutcome.MISSED, at("10:00:00"), null),
                session("a-missed-3", A, Direction.INBOUND, CallOutcome.MISSED, at("10:30:00"), null),
                session("b-transferred", B, Direction.INBOUND, CallOutcome.TRANSFERRED, at("09:10:00"), 2_000L),
                session("b-answered", B, Direction.INBOUND, CallOutcome.ANSWERED, at("10:15:00"), 3_000L),
                session("b-forwarded", B, Direction.INBOUND, CallOutcome.FORWARDED, at("10:20:00"), null),
                session("b-busy", B, Direction.OUTBOUND, CallOutcome.BUSY, at("10:25:00"), null),
                session("b-unknown", B, Direction.INBOUND, CallOutcome.UNKNOWN, at("10:50:00"), null));
        SessionValues.write(kafka, topic, inBothFormats(topic, sessions));
        createTables("report");

        ProcessRun load = load(kafka, topic, "report", topic + "-loader", sessions.size());

        assertThat(load.exitCode()).as(load.describe()).isZero();
        assertThat(load.err()).as(load.describe()).contains("loaded 12 session(s) from 12 record(s), 0 skipped");
        // Inbound calls only; MISSED alone is missed; answered is picked up (TRANSFERRED included).
        assertThat(report("report")).containsExactly(
                A + " 2026-12-07T09:00:00Z calls=4 missed=1 answered=2 avg_ring_seconds=6.0",
                A + " 2026-12-07T10:00:00Z calls=2 missed=2 answered=0 avg_ring_seconds=null",
                B + " 2026-12-07T09:00:00Z calls=1 missed=0 answered=1 avg_ring_seconds=2.0",
                B + " 2026-12-07T10:00:00Z calls=3 missed=0 answered=1 avg_ring_seconds=3.0");
        // The columns as the session had them: timestamps to the millisecond, nulls as nulls.
        assertThat(row("report", "a-answered")).isEqualTo("a-answered ANSWERED INBOUND started=2026-12-07T09:05:00.250Z "
                + "answered=2026-12-07T09:05:04.250Z ended=2026-12-07T09:06:04.250Z ring=4000 talk=60000 "
                + "display=Alice Example model=SIP-T46U events=4");
        assertThat(row("report", "a-missed")).isEqualTo("a-missed MISSED INBOUND started=2026-12-07T09:59:59.999Z "
                + "answered=null ended=2026-12-07T10:00:19.999Z ring=null talk=null display=null model=null events=2");
    }

    @Test
    void loadingAgainUpsertsAndALoaderResumesAfterWhatItCommitted(KafkaBroker kafka) throws Exception {
        String topic = Topics.CALL_SESSIONS.name(kafka.createTopics("pg-reload", 2));
        String group = topic + "-loader";
        List<CallSession> first = List.of(
                session("r-1", A, Direction.INBOUND, CallOutcome.MISSED, at("11:00:00"), null),
                session("r-2", A, Direction.INBOUND, CallOutcome.ANSWERED, at("11:01:00"), 1_000L),
                session("r-3", B, Direction.OUTBOUND, CallOutcome.BUSY, at("11:02:00"), null),
                session("r-4", B, Direction.INBOUND, CallOutcome.ANSWERED, at("11:03:00"), 5_000L));
        SessionValues.write(kafka, topic, inBothFormats(topic, first));
        createTables("reload");

        ProcessRun initial = load(kafka, topic, "reload", group, 4);
        assertThat(initial.exitCode()).as(initial.describe()).isZero();
        assertThat(count("reload")).isEqualTo(4);

        // A new call, and r-1 again as another release of it: later, answered.
        CallSession again = session("r-1", A, Direction.INBOUND, CallOutcome.ANSWERED, at("11:00:00"), 7_000L);
        SessionValues.write(kafka, topic, List.of(
                Value.of(JSON, topic, session("r-5", B, Direction.INBOUND, CallOutcome.MISSED, at("11:04:00"), null)),
                Value.of(SINGLE_OBJECT, topic, again)));
        // The same group goes on after the offsets it committed: only the two new records.
        ProcessRun resumed = load(kafka, topic, "reload", group, 2);
        assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        assertThat(resumed.err()).contains("loaded 2 session(s) from 2 record(s)");
        assertThat(count("reload")).isEqualTo(5);
        assertThat(row("reload", "r-1")).startsWith("r-1 ANSWERED INBOUND").contains("ring=7000");
        List<String> report = report("reload");

        // A new group reads all six records again: the rows are upserted, not added.
        ProcessRun reload = load(kafka, topic, "reload", topic + "-reloader", 6);
        assertThat(reload.exitCode()).as(reload.describe()).isZero();
        assertThat(reload.err()).contains("loaded 6 session(s) from 6 record(s)");
        assertThat(count("reload")).isEqualTo(5);
        assertThat(row("reload", "r-1")).startsWith("r-1 ANSWERED INBOUND").contains("ring=7000");
        assertThat(report("reload")).isEqualTo(report).containsExactly(
                A + " 2026-12-07T11:00:00Z calls=2 missed=0 answered=2 avg_ring_seconds=4.0",
                B + " 2026-12-07T11:00:00Z calls=2 missed=1 answered=1 avg_ring_seconds=5.0");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-07T" + time + "Z");
    }

    /** Single-object and json by turns, as on a topic whose producers switched format. */
    private static List<Value> inBothFormats(String topic, List<CallSession> sessions) {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            values.add(Value.of(i % 2 == 0 ? SINGLE_OBJECT : JSON, topic, sessions.get(i)));
        }
        return values;
    }

    private static void createTables(String database) throws Exception {
        postgres.createDatabase(database);
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(SQL.resolve("call_sessions.sql")));
        }
    }

    private static ProcessRun load(KafkaBroker kafka, String topic, String database, String group, int records)
            throws Exception {
        return PythonExamples.run(RUN_LIMIT, "sessions_to_postgres.py", "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--group", group, "--dsn", postgres.dsn(database),
                "--max-records", Integer.toString(records), "--timeout", "90");
    }

    /** The report's rows, one line each. */
    private static List<String> report(String database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(Files.readString(SQL.resolve("missed_calls_per_line_per_hour.sql")))) {
            while (result.next()) {
                rows.add(result.getString("line") + " " + result.getObject("hour", OffsetDateTime.class).toInstant()
                        + " calls=" + result.getLong("calls") + " missed=" + result.getLong("missed")
                        + " answered=" + result.getLong("answered")
                        + " avg_ring_seconds=" + result.getBigDecimal("avg_ring_seconds"));
            }
        }
        return rows;
    }

    private static String row(String database, String sessionId) throws Exception {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM call_sessions WHERE session_id = '" + sessionId + "'")) {
            assertThat(result.next()).as("a row of " + sessionId).isTrue();
            return result.getString("session_id") + " " + result.getString("outcome") + " " + result.getString("direction")
                    + " started=" + instant(result, "started_at") + " answered=" + instant(result, "answered_at")
                    + " ended=" + instant(result, "ended_at") + " ring=" + result.getObject("ring_millis")
                    + " talk=" + result.getObject("talk_millis") + " display=" + result.getString("remote_display_name")
                    + " model=" + result.getString("model") + " events=" + result.getInt("event_count");
        }
    }

    private static Instant instant(ResultSet result, String column) throws Exception {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static long count(String database) throws Exception {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM call_sessions")) {
            result.next();
            return result.getLong(1);
        }
    }
}
