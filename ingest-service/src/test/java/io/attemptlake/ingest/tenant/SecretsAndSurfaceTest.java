package io.attemptlake.ingest.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import io.attemptlake.testsupport.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an attacker or a log reader can get: no keys or record bodies in logs, no CORS, no server banner. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAndSurfaceTest extends IngestIntegrationTest {

    private static final String BODY_MARKER = "Body-Marker-7f3a9c";
    private static final String WRONG_KEY = "wrong-key-marker-5b1e77aa";

    @Test
    void neitherKeysNorRecordBodiesReachTheLogs(CapturedOutput output) {
        String valid = Samples.realRecord().replace("Normal Forms and All That Jazz Master Class", BODY_MARKER);
        String[] bodies = {valid, valid.replace("\"started_at\"", "\"started_at_\""), "{\"exam_name\":\"" + BODY_MARKER + "\",",
                "[" + valid + ", 9.9e9999999999]", "{\"exam_name\":\"" + BODY_MARKER + "\"}\u0000"};
        for (String body : bodies) {
            for (String key : List.of(PEARSON_KEY, WRONG_KEY)) {
                http().post("/api/v1/assessments", body, "X-API-Key", key, "Content-Type", "application/json");
                http().post("/api/v1/assessments", body, "X-API-Key", key, "Content-Type", "application/x-ndjson");
            }
        }
        http().get("/api/v1/assessments?key=" + WRONG_KEY, "X-API-Key", WRONG_KEY);

        assertThat(output.getAll()).as("the run produced logs to check").isNotEmpty()
                .doesNotContain(PEARSON_KEY).doesNotContain(WRONG_KEY).doesNotContain(BODY_MARKER);
    }

    @Test
    void corsIsClosedToEveryOrigin() {
        RawHttp.Response preflight = RawHttp.send(port, new RawHttp.Request("OPTIONS", "/api/v1/assessments", List.of(
                new String[] {"Origin", "https://evil.example"}, new String[] {"Access-Control-Request-Method", "POST"},
                new String[] {"Access-Control-Request-Headers", "X-API-Key, Content-Type"}), new byte[0], 0));
        RawHttp.Response post = RawHttp.send(port, RawHttp.Request.post("/api/v1/assessments",
                Samples.realRecord().getBytes(StandardCharsets.UTF_8), "X-API-Key", PEARSON_KEY,
                "Content-Type", "application/json", "Origin", "https://evil.example"));

        // Without Allow-Origin/Allow-Methods a browser never sends the POST (JSON and X-API-Key need a preflight).
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Headers")).isNull();
        assertThat(post.header("Access-Control-Allow-Origin")).isNull();
        assertThat(post.header("Server")).as("no product banner").isNull();
    }
}
