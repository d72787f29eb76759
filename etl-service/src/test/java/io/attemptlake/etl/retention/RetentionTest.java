package io.attemptlake.etl.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retention on a real HDFS: a tenant's rows older than its days go from every table and from disk,
 * exactly those days and nothing of the days kept, nothing of a tenant without a policy; the same
 * happens on the schedule without anyone asking.
 */
@RealKafka
@RealHdfs
class RetentionTest {

    private static final Instant NOW = Instant.now();

    @Test
    void purgesExactlyTheDaysOlderThanEachTenantsRetention() throws IOException {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start("--etl.retention.days.pearson=30")) {
            p.topic.publishAt("pearson", AttemptGenerator.records(91, 20).toList(), NOW.minus(40, ChronoUnit.DAYS));
            p.topic.publishAt("pearson", AttemptGenerator.records(92, 15).toList(), NOW.minus(31, ChronoUnit.DAYS));
            p.topic.publishAt("pearson", AttemptGenerator.records(93, 10).toList(), NOW.minus(29, ChronoUnit.DAYS));
            p.topic.publish("pearson", AttemptGenerator.records(94, 5).toList());
            p.topic.publishAt("acme", AttemptGenerator.records(95, 7).toList(), NOW.minus(400, ChronoUnit.DAYS));
            assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
            String old = " WHERE ingest_date < '" + LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(30) + "'";
            long rawOld = query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM raw_assessments" + old);
            long attemptsOld = query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts" + old);
            long questionsOld = query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM questions" + old);
            long attempts = query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts");
            long acmeAttempts = query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts");
            assertThat(rawOld).isEqualTo(35);

            Http.Response purged = etl.http().patient(java.time.Duration.ofMinutes(5)).post("/api/v1/retention/purges", "", "X-API-Key", EtlApp.ADMIN_KEY);

            assertThat(purged.status()).as(purged.body()).isEqualTo(200);
            JsonNode pearson = purged.json().get("tenants").get(0);
            assertThat(pearson.get("tenant").asString()).isEqualTo("pearson");
            assertThat(pearson.get("rowsRemoved").get("raw_assessments").asLong()).isEqualTo(rawOld);
            assertThat(pearson.get("rowsRemoved").get("attempts").asLong()).isEqualTo(attemptsOld);
            assertThat(pearson.get("rowsRemoved").get("questions").asLong()).isEqualTo(questionsOld).isPositive();
            assertThat(purged.json().get("tenants")).as("acme has no policy").hasSize(1);
            assertThat(query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM attempts")).isEqualTo(attempts - attemptsOld);
            assertThat(query(etl, EtlApp.PEARSON_KEY, "SELECT count(*) FROM raw_assessments" + old)).isZero();
            assertThat(query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts")).isEqualTo(acmeAttempts);
            for (Table t : List.of(Table.RAW, Table.ATTEMPTS, Table.QUESTIONS, Table.OPTIONS)) {
                assertThat(days(p, t, "pearson")).as("%s's days on disk", t)
                        .containsExactlyInAnyOrder(day(29), day(0));
            }
            assertThat(days(p, Table.ATTEMPTS, "acme")).containsExactly(day(400));
        }
    }

    @Test
    void purgesOnItsScheduleWithoutBeingAsked() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start("--etl.retention.default-days=10",
                "--etl.retention.interval=2s")) {
            p.topic.publishAt("acme", AttemptGenerator.records(96, 10).toList(), NOW.minus(20, ChronoUnit.DAYS));
            p.topic.publish("acme", AttemptGenerator.records(97, 4).toList());
            assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");

            long recent = query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts WHERE ingest_date = current_date()");
            assertThat(query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts")).isGreaterThan(recent);

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> query(etl, EtlApp.ACME_KEY, "SELECT count(*) FROM attempts") == recent);
        }
    }

    private static String day(int daysAgo) {
        return "ingest_date=" + LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(daysAgo);
    }

    /** The day directories of a tenant table that hold a data file on disk. */
    private static List<String> days(Pipeline p, Table table, String tenant) throws IOException {
        FileSystem fs = p.hdfs.fileSystem();
        List<String> days = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(p.lakeBase + "/" + table.path() + "/tenant=" + tenant), true);
        while (it.hasNext()) {
            Path f = it.next().getPath();
            if (f.getName().endsWith(".parquet") && !f.toString().contains("_delta_log")
                    && !days.contains(f.getParent().getName())) {
                days.add(f.getParent().getName());
            }
        }
        return days;
    }

    private static long query(EtlApp etl, String key, String sql) {
        Http.Response r = etl.http().post("/api/v1/queries", "{\"sql\":\"" + sql + "\"}", "Content-Type",
                "application/json", "X-API-Key", key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("rows").get(0).get(0).asLong();
    }
}
