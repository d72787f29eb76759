package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delta time travel through the query API: after a second run, a query as of the first reads every
 * table as the first left it; each run's record names the versions it wrote and the ones it left.
 */
@RealKafka
@RealHdfs
class AsOfRunTest {

    @Test
    void aQueryAsOfARunReadsTheTablesAsThatRunLeftThem() {
        try (Pipeline p = new Pipeline(); EtlApp etl = p.start()) {
            p.topic.publish("pearson", AttemptGenerator.records(81, 40).toList());
            JsonNode first = etl.runToCompletion();
            p.topic.publish("pearson", AttemptGenerator.records(82, 25).toList());
            p.topic.publish("acme", AttemptGenerator.records(83, 5).toList());
            JsonNode second = etl.runToCompletion();

            long attemptsFirst = first.get("counts").get("attempts").asLong();
            long attemptsBoth = attemptsFirst + second.get("counts").get("attempts").asLong();
            String id = first.get("id").asString();
            assertThat(count(etl, EtlApp.PEARSON_KEY, null)).isEqualTo(attemptsBoth - 5);
            assertThat(count(etl, EtlApp.PEARSON_KEY, id)).isEqualTo(attemptsFirst);
            assertThat(count(etl, EtlApp.ADMIN_KEY, id)).as("acme had no table yet").isEqualTo(attemptsFirst);
            assertThat(count(etl, EtlApp.ACME_KEY, id)).isZero();
            assertThat(count(etl, EtlApp.ADMIN_KEY, second.get("id").asString())).isEqualTo(attemptsBoth);

            // The run records: what each wrote, and every table's version as it left the lake.
            assertThat(first.get("appended").get("flattened/attempts/tenant=pearson").get(0).asLong()).isEqualTo(1);
            assertThat(first.get("versions").get("flattened/attempts/tenant=pearson").asLong()).isEqualTo(1);
            assertThat(first.get("versions").has("flattened/attempts/tenant=acme")).isFalse();
            assertThat(second.get("versions").get("flattened/attempts/tenant=pearson").asLong()).isEqualTo(2);
            assertThat(second.get("versions").get("flattened/attempts/tenant=acme").asLong()).isEqualTo(1);

            Http.Response unknown = query(etl, EtlApp.PEARSON_KEY, "SELECT 1", "20000101T000000000Z");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.body()).contains("/problems/run-not-found");
        }
    }

    private static long count(EtlApp etl, String key, String asOfRun) {
        Http.Response r = query(etl, key, "SELECT count(*) FROM attempts", asOfRun);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("rows").get(0).get(0).asLong();
    }

    private static Http.Response query(EtlApp etl, String key, String sql, String asOfRun) {
        String body = "{\"sql\":\"" + sql + "\"" + (asOfRun == null ? "" : ",\"asOfRun\":\"" + asOfRun + "\"") + "}";
        return etl.http().post("/api/v1/queries", body, "Content-Type", "application/json", "X-API-Key", key);
    }
}
