package io.attemptlake.etl.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RawHttp;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Keys and record contents stay out of the logs through a run, queries and failures; CORS stays closed. */
@RealKafka
@RealHdfs
@ExtendWith(OutputCaptureExtension.class)
class SecretsAndSurfaceTest {

    private static final String MARKER = "Record-Marker-31c9e0";
    private static final String WRONG_KEY = "wrong-etl-key-marker-9d2f";

    @Test
    void neitherKeysNorRecordContentsReachTheLogsAndCorsIsClosed(CapturedOutput output) {
        try (Pipeline p = new Pipeline()) {
            String record = AttemptGenerator.records(81, 1).findFirst().orElseThrow().replaceFirst("\"exam_name\":\"[^\"]*\"",
                    "\"exam_name\":\"" + MARKER + "\"");
            p.topic.publish("pearson", List.of(record));
            p.topic.publishRaw(("{\"exam_name\":\"" + MARKER + "\", broken").getBytes(StandardCharsets.UTF_8), Map.of("tenant", "pearson"));
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                Http http = etl.http();
                for (String key : List.of(EtlApp.PEARSON_KEY, WRONG_KEY, EtlApp.ADMIN_KEY)) {
                    String[] headers = {"X-API-Key", key, "Content-Type", "application/json"};
                    http.post("/api/v1/queries", "{\"sql\":\"SELECT exam_name FROM attempts\"}", headers);
                    http.post("/api/v1/queries", "{\"sql\":\"SELECT value FROM quarantine WHERE value LIKE '%broken%'\"}", headers);
                    http.post("/api/v1/queries", "{\"sql\":\"SELECT nope FROM attempts\"}", headers);
                    http.get("/api/v1/reports/courses", headers);
                    if (!key.equals(EtlApp.ADMIN_KEY)) {
                        http.post("/api/v1/etl/runs", "", headers); // refused: only the admin triggers
                    }
                }
                int port = URI.create(http.base()).getPort();
                RawHttp.Response preflight = RawHttp.send(port, new RawHttp.Request("OPTIONS", "/api/v1/queries", List.of(
                        new String[] {"Origin", "https://evil.example"}, new String[] {"Access-Control-Request-Method", "POST"},
                        new String[] {"Access-Control-Request-Headers", "X-API-Key, Content-Type"}), new byte[0], 0));
                assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
                assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
            }
        }
        assertThat(output.getAll()).as("the run produced logs to check").isNotEmpty()
                .doesNotContain(EtlApp.PEARSON_KEY).doesNotContain(EtlApp.ADMIN_KEY).doesNotContain(WRONG_KEY)
                .doesNotContain(MARKER);
    }
}
