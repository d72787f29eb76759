package io.attemptlake.system.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a newcomer runs it: ./pipeline up, demo, status, down, with the real
 * processes; the landed data read the way a data scientist would, from Parquet fetched over WebHDFS.
 */
@Tag("slow") // minutes, not seconds: ./mvnw verify -DexcludedGroups=slow skips them locally; CI runs all
class PipelineScriptTest {

    private static PipelineScript pipeline;
    private static Path state;

    @BeforeAll
    static void setUp() throws IOException {
        state = Path.of("target", "pipeline-state").toAbsolutePath();
        pipeline = new PipelineScript(io.attemptlake.system.deploy.Roots.root(), state);
        pipeline.run("clean");
    }

    @AfterAll
    static void tearDown() {
        pipeline.run("down");
    }

    @Test
    void upDemoStatusAndDownRunTheWholePipelineAndLeaveNothingBehind(@TempDir Path downloads) throws Exception {
        PipelineScript.Result up = pipeline.run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        Map<String, String> env = pipeline.stackEnv();
        assertThat(env).containsKeys("INGEST_URL", "ETL_URL", "HDFS_URI", "WEBHDFS_URL", "TENANT_ID", "INGEST_API_KEY",
                "TENANT2_ID", "TENANT2_API_KEY", "ADMIN_API_KEY");
        assertThat(up.output()).contains("INGEST_URL=" + env.get("INGEST_URL"));
        assertThat(Files.readString(state.resolve("logs/ingest.log")))
                .as("Kafka's LZ4 runs native inside the Boot jar").contains("Kafka compression lz4, by LZ4Factory:JNI");

        PipelineScript.Result again = pipeline.run("up");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("already running");

        PipelineScript.Result demo = pipeline.run("demo", "--records", "500", "--seed", "11");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("500 records durably in topic assessments", "How many assessments?",
                "500 received", "Most common course:", "Date span of the attempts:")
                .containsPattern("Spark tasks: \\d+ in the driver \\(local\\[\\*\\]\\)")
                .containsPattern("the run took \\d+\\.\\d s, in 1 commit\\(s\\)");

        long distinct = Long.parseLong(demo.output().replaceAll("(?s).*500 received, ([0-9,]+) distinct.*", "$1").replace(",", ""));
        Path lake = downloads.resolve("lake");
        WebHdfs.fetch(env.get("WEBHDFS_URL"), "/lake/flattened/attempts", lake.resolve("attempts"));
        WebHdfs.fetch(env.get("WEBHDFS_URL"), "/lake/raw/assessments", lake.resolve("raw"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM read_parquet('" + lake.resolve("attempts") + "/**/*.parquet', "
                    + "hive_partitioning = true) WHERE tenant = '" + env.get("TENANT_ID") + "'")).isEqualTo(distinct);
            assertThat(count(sql, "SELECT count(*) FROM read_parquet('" + lake.resolve("raw") + "/**/*.parquet', "
                    + "hive_partitioning = true)")).isEqualTo(500);
        }

        PipelineScript.Result status = pipeline.run("status");
        assertThat(status.output().lines().filter(l -> l.contains(" running ")).count()).as(status.output()).isEqualTo(4);

        PipelineScript.Result down = pipeline.run("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(pipeline.marker())))
                .as("processes of the stack after down").isEmpty();
        for (String port : new String[] {"KAFKA_PORT", "HDFS_RPC_PORT", "HDFS_HTTP_PORT", "INGEST_PORT", "ETL_PORT"}) {
            assertThat(listening(pipeline.port(port))).as(port + " after down").isFalse();
        }
        assertThat(pipeline.run("status").output()).doesNotContain(" running ");
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
