package io.attemptlake.etl;

import static org.awaitility.Awaitility.await;

import io.attemptlake.etl.run.RunListener;
import io.attemptlake.model.tenant.ApiKeyHashes;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The etl-service, really started (HTTP on a free port) against a given broker, topic and lake.
 * Closing and starting it again on the same lake is a restart.
 */
public final class EtlApp implements AutoCloseable {

    public static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    public static final String PEARSON_KEY = TestTenant.PEARSON.key();
    public static final String ACME_KEY = TestTenant.ACME.key();

    private final ConfigurableApplicationContext context;

    private EtlApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Started with {@code listener} among its run listeners (null: none but the service's own). */
    public static EtlApp start(String bootstrapServers, String topic, String lakeBase, RunListener listener, String... more) {
        SparkTestSession.get();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--etl.source.bootstrap-servers=" + bootstrapServers,
                "--etl.source.topic=" + topic,
                "--etl.lake.base=" + lakeBase,
                "--etl.auth.admin-key-sha256=" + ApiKeyHashes.sha256Hex(ADMIN_KEY),
                "--etl.metrics.lag-interval=1s"));
        args.addAll(TestTenant.all("etl.auth"));
        if (Stream.of(more).noneMatch(a -> a.startsWith("--etl.run.warmup.enabled="))) {
            // The test JVM's one SparkSession is warm after the first test; EngineWarmupTest turns it on.
            args.add("--etl.run.warmup.enabled=false");
        }
        // Maintenance runs when a test asks for it, never on its own in the middle of one.
        for (String schedule : List.of("--etl.compaction.interval=", "--etl.retention.interval=")) {
            if (Stream.of(more).noneMatch(a -> a.startsWith(schedule))) {
                args.add(schedule + "0");
            }
        }
        args.addAll(List.of(more));
        return new EtlApp(new SpringApplicationBuilder(EtlApplication.class)
                .initializers(ctx -> {
                    if (listener != null) {
                        ctx.getBeanFactory().registerSingleton("testRunListener", listener);
                    }
                })
                .run(args.toArray(String[]::new)));
    }

    public Http http() {
        return new Http("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** POST a run as admin; the answer. */
    public Http.Response trigger() {
        return http().post("/api/v1/etl/runs", "", "X-API-Key", ADMIN_KEY);
    }

    public JsonNode run(String id) {
        return http().get("/api/v1/etl/runs/" + id, "X-API-Key", ADMIN_KEY).json();
    }

    /** Triggers a run and waits until it has finished; returns its final record. */
    public JsonNode runToCompletion() {
        Http.Response started = trigger();
        if (started.status() != 202) {
            throw new IllegalStateException("run not started: " + started.status() + " " + started.body());
        }
        return awaitFinished(started.json().get("id").asString());
    }

    public JsonNode awaitFinished(String id) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !isActive(run(id).get("status").asString()));
        return run(id);
    }

    public static boolean isActive(String status) {
        return status.equals("QUEUED") || status.equals("RUNNING");
    }

    @Override
    public void close() {
        context.close();
    }
}
