package io.attemptlake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attemptlake.datagen.AttemptGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./pipeline bench}: in one run, on one machine, with the same generated records, each part of
 * the pipeline next to the floor the machine sets for it:
 * <ul>
 *   <li>ingest floor: a plain idempotent {@code acks=all} producer; ingest: the ingest-service's NDJSON
 *       bulk path from several concurrent clients;</li>
 *   <li>ETL floor: a plain Spark job writing the topic's values to Parquet (the lab's
 *       {@code assess.write.parquet}); ETL: a full etl-service run; inference: the lab's approach,
 *       schema inference over the values then explode;</li>
 *   <li>freshness: a 3280-record POST until it is queryable; peak heap and RSS of each service.</li>
 * </ul>
 * Writes a Markdown table to {@code bench/results/} and prints the ratios last.
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> env;
    private final Path work;
    private final int clients;
    private final int requestRecords;
    private final MemorySampler memory;
    private SparkSession spark;

    private BenchMain(Map<String, String> env, Path work, int clients, int requestRecords, MemorySampler memory) {
        this.env = env;
        this.work = work;
        this.clients = clients;
        this.requestRecords = requestRecords;
        this.memory = memory;
    }

    /** One size's figures. */
    record Figures(long records, long bytes, double floorIngestSeconds, double ingestSeconds, double floorEtlSeconds,
                   double etlSeconds, double inferenceSeconds, Map<String, Long> peakHeap, Map<String, Long> peakRss,
                   JsonNode etlRun) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Map<String, String> env = readEnv(Path.of(options.get("stack-env")));
        Path work = Path.of(options.getOrDefault("work", "bench/work"));
        Path results = Path.of(options.getOrDefault("results", "bench/results"));
        // On a cluster the executors do the ETL's work: sampled too, found by the stack's marker.
        String executors = "-Dattemptlake.stack=" + Path.of(options.get("stack-env")).toAbsolutePath().getParent() + ":executor";
        MemorySampler memory = new MemorySampler(options.getOrDefault("pids", ""), executors, env);
        BenchMain bench = new BenchMain(env, work, Integer.parseInt(options.getOrDefault("clients", "4")),
                Integer.parseInt(options.getOrDefault("request-records", "5000")), memory);
        List<Figures> figures = new ArrayList<>();
        memory.start();
        try {
            for (String size : options.getOrDefault("records", "100000").split(",")) {
                figures.add(bench.measure(Long.parseLong(size.trim())));
            }
            double freshness = bench.freshness();
            bench.report(figures, freshness, results, options.getOrDefault("mode", "local"));
        } finally {
            memory.stop();
            if (bench.spark != null) {
                bench.spark.stop();
            }
        }
    }

    private Figures measure(long n) throws Exception {
        say("== %,d records ==", n);
        Path file = generate(n, 205 + n); // a seed per size: each size's records are new to the lake
        long bytes = Files.size(file);
        memory.reset();

        say("ingest floor: plain producer (idempotent, acks=all, lz4) ...");
        double floorIngest = producerFloor(file, "bench-floor-" + n + "-" + System.currentTimeMillis());
        say("  %.1f s", floorIngest);

        Map<Integer, Long> before = stableOffsets(env.get("TOPIC"));
        say("ingest: %d clients, NDJSON requests of %,d records ...", clients, requestRecords);
        double ingest = ingestService(file);
        Map<Integer, Long> after = stableOffsets(env.get("TOPIC"));
        say("  %.1f s", ingest);

        sparkWarm();
        say("ETL floor: Spark job writing the topic's values to Parquet ...");
        double floorEtl = time(() -> kafka(before, after).selectExpr("CAST(value AS STRING) AS value")
                .write().mode("overwrite").parquet(env.get("HDFS_URI") + "/bench/floor-" + n));
        say("  %.1f s", floorEtl);

        say("ETL: a full etl-service run (raw + flattened + dedupe + quarantine + commit) ...");
        long t0 = System.nanoTime();
        JsonNode run = etlRun();
        double etl = (System.nanoTime() - t0) / 1e9;
        say("  %.1f s (%s)", etl, run.get("status").asText());

        say("inference: the lab's approach, schema inference over the values, then explode ...");
        double inference = time(() -> {
            Dataset<String> values = kafka(before, after).selectExpr("CAST(value AS STRING)").as(Encoders.STRING());
            Dataset<Row> attempts = spark.read().json(values);
            Dataset<Row> questions = attempts.select(col("keen_id"), explode(col("sequences.questions")).as("q"));
            questions.select(col("keen_id"), col("q.id").as("question_id"), explode(col("q.options")).as("o"))
                    .select("keen_id", "question_id", "o.*")
                    .write().mode("overwrite").parquet(env.get("HDFS_URI") + "/bench/inference-" + n);
        });
        say("  %.1f s", inference);
        return new Figures(n, bytes, floorIngest, ingest, floorEtl, etl, inference, memory.peakHeap(), memory.peakRss(), run);
    }

    /** Time from the POST of 3280 records until a query sees them (the etl-service is warm). */
    private double freshness() throws Exception {
        Path file = generate(3280, 9999 + System.currentTimeMillis() % 1000);
        long t0 = System.nanoTime();
        post(Files.readAllBytes(file));
        JsonNode run = etlRun();
        if (!run.get("status").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("freshness run failed: " + run);
        }
        String sql = "{\"sql\":\"SELECT count(*) FROM raw_assessments WHERE run_id = '" + run.get("id").asText() + "'\"}";
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/queries"))
                    .header("X-API-Key", env.get("INGEST_API_KEY")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && JSON.readTree(r.body()).get("rows").get(0).get(0).asLong() == 3280) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(100);
        }
    }

    private Path generate(long n, long seed) throws IOException {
        Path file = work.resolve("attempts-" + seed + "-" + n + ".ndjson");
        if (!Files.exists(file)) {
            Files.createDirectories(work);
            say("generating %,d records ...", n);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AttemptGenerator g = new AttemptGenerator(seed, n);
                while (g.hasNext()) {
                    out.write(g.next());
                    out.write('\n');
                }
            }
        }
        return file;
    }

    private double producerFloor(Path file, String topic) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin a = Admin.create(admin)) {
            // Replicated as the service's topic is (3 copies, min ISR 2 on the cluster): acks=all costs both the same.
            String served = env.get("TOPIC");
            int replicas = a.describeTopics(List.of(served)).allTopicNames().get().get(served).partitions().get(0).replicas().size();
            ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, served);
            String minIsr = a.describeConfigs(List.of(config)).all().get().get(config).get("min.insync.replicas").value();
            a.createTopics(List.of(new NewTopic(topic, 3, (short) replicas).configs(Map.of("min.insync.replicas", minIsr))))
                    .all().get();
        }
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("compression.type", "lz4");
        config.put("linger.ms", 5);
        config.put("batch.size", 256 * 1024);
        config.put("buffer.memory", 64L * 1024 * 1024);
        byte[] tenant = "pearson".getBytes(StandardCharsets.UTF_8);
        return time(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                    new ByteArraySerializer()); BufferedReader in = Files.newBufferedReader(file)) {
                String line;
                long i = 0;
                while ((line = in.readLine()) != null) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                            ("pearson/" + i++).getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("tenant", tenant);
                    producer.send(record);
                }
                producer.flush();
            }
        });
    }

    /** Splits the file into requests and posts them from several clients at once. */
    private double ingestService(Path file) throws Exception {
        List<Path> chunks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int count = 0;
            BufferedWriter out = null;
            while ((line = in.readLine()) != null) {
                if (count % requestRecords == 0) {
                    if (out != null) {
                        out.close();
                    }
                    Path chunk = work.resolve("chunks/" + file.getFileName() + "." + chunks.size());
                    Files.createDirectories(chunk.getParent());
                    chunks.add(chunk);
                    out = Files.newBufferedWriter(chunk);
                }
                out.write(line);
                out.write('\n');
                count++;
            }
            if (out != null) {
                out.close();
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong next = new AtomicLong();
        double seconds = time(() -> {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
                        post(Files.readAllBytes(chunks.get((int) i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        });
        pool.shutdown();
        return seconds;
    }

    /** As a careful client: 503/429 (e.g. a fresh cluster's first transaction) retried with the same key. */
    private void post(byte[] body) throws IOException, InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("INGEST_URL") + "/api/v1/assessments"))
                    .header("X-API-Key", env.get("INGEST_API_KEY")).header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", idempotencyKey)
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return;
            }
            if ((r.statusCode() != 503 && r.statusCode() != 429) || attempt == 30) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            }
            String retryAfter = r.headers().firstValue("Retry-After").orElse("1");
            say("  ingest answered %d; retrying in %s s", r.statusCode(), retryAfter);
            Thread.sleep(1000L * Long.parseLong(retryAfter));
        }
    }

    private JsonNode etlRun() throws Exception {
        String admin = env.get("ADMIN_API_KEY");
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/etl/runs"))
                .header("X-API-Key", admin).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String id = JSON.readTree(started.body()).get("id").asText();
        while (true) {
            JsonNode run = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(env.get("ETL_URL") + "/api/v1/etl/runs/" + id))
                    .header("X-API-Key", admin).build(), HttpResponse.BodyHandlers.ofString()).body());
            String status = run.get("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return run;
            }
            Thread.sleep(200);
        }
    }

    private Map<Integer, Long> stableOffsets(String topic) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> offsets = new TreeMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
            return offsets;
        }
    }

    private Dataset<Row> kafka(Map<Integer, Long> from, Map<Integer, Long> to) {
        String topic = env.get("TOPIC");
        return spark.read().format("kafka")
                .option("kafka.bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"))
                .option("subscribe", topic)
                .option("startingOffsets", offsets(topic, from))
                .option("endingOffsets", offsets(topic, to))
                .option("kafka.isolation.level", "read_committed")
                .option("kafka.fetch.max.wait.ms", "10") // as the etl-service reads
                .load();
    }

    private static String offsets(String topic, Map<Integer, Long> offsets) {
        StringBuilder sb = new StringBuilder("{\"" + topic + "\":{");
        offsets.forEach((p, o) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append('"').append(p).append("\":").append(o));
        return sb.append("}}").toString();
    }

    /** A SparkSession like the etl-service's, warmed up so the floors do not pay its start. */
    private void sparkWarm() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[*]").appName("bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.shuffle.partitions", "16")
                    // The etl-service's HDFS close retries (SparkConfig.HDFS_CLOSE): the floors get them too.
                    .config("spark.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "25")
                    .config("spark.hadoop.dfs.client.block.write.locateFollowingBlock.retries", "9")
                    .getOrCreate();
            spark.range(100_000).selectExpr("id % 7 AS k").groupBy("k").count().collectAsList();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static double time(Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private void report(List<Figures> figures, double freshness, Path results, String mode) throws IOException {
        boolean cluster = mode.equals("cluster");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(LocalDate.now()).append("\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.version")).append(cluster
                        ? "; the loopback cluster (./pipeline up --cluster: 3 Kafka brokers, NameNode + 3 DataNodes, Spark "
                          + "standalone Master + Worker with one 2-core executor, the etl-service its client-mode driver) "
                        : "; one local stack (Kafka, HDFS, both services, Spark local[*]) ")
                .append("on the same machine; records from the seeded generator (lab shape, ~2.8 kB each). The floors and ")
                .append("inference run in the benchmark's own local Spark.\n\n")
                .append("| records | MB | producer floor | ingest-service | ingest / floor | Spark floor | full ETL | ETL / floor "
                        + "| inference | inference / ETL | etl heap peak | etl RSS peak | ingest heap peak | ingest RSS peak |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures f : figures) {
            double mb = f.bytes() / 1e6;
            md.append(String.format("| %,d | %.0f | %.1f s (%,.0f rec/s, %.0f MB/s) | %.1f s (%,.0f rec/s, %.0f MB/s) | %.2f "
                            + "| %.1f s | %.1f s | %.2f | %.1f s | %.2f | %s | %s | %s | %s |\n",
                    f.records(), mb, f.floorIngestSeconds(), f.records() / f.floorIngestSeconds(), mb / f.floorIngestSeconds(),
                    f.ingestSeconds(), f.records() / f.ingestSeconds(), mb / f.ingestSeconds(),
                    f.floorIngestSeconds() / f.ingestSeconds(), f.floorEtlSeconds(), f.etlSeconds(),
                    f.etlSeconds() / f.floorEtlSeconds(), f.inferenceSeconds(), f.inferenceSeconds() / f.etlSeconds(),
                    mib(f.peakHeap().get("etl")), mib(f.peakRss().get("etl")),
                    mib(f.peakHeap().get("ingest")), mib(f.peakRss().get("ingest"))));
        }
        md.append("\nFreshness (POST of 3280 records until queryable, warm etl-service): ")
                .append(String.format("%.1f s", freshness)).append("\n\nETL phases (ms) of each full run:\n\n");
        for (Figures f : figures) {
            md.append(String.format("- %,d records: %s; tasks ran on %s%s%n", f.records(), f.etlRun().get("phaseMillis"),
                    f.etlRun().get("executors"), f.peakRss().containsKey("executor")
                            ? "; executor RSS peak " + mib(f.peakRss().get("executor")) : ""));
        }
        List<String> ratios = new ArrayList<>();
        Figures last = figures.get(figures.size() - 1);
        ratios.add(String.format("ingest / producer floor throughput: %.2f (target >= 0.7)", last.floorIngestSeconds() / last.ingestSeconds()));
        ratios.add(String.format("full ETL / Spark floor time: %.2f (target <= 2.5)", last.etlSeconds() / last.floorEtlSeconds()));
        ratios.add(String.format("inference / full ETL time: %.2f (target >= 3)", last.inferenceSeconds() / last.etlSeconds()));
        ratios.add(String.format("freshness: %.1f s (target <= 10)", freshness));
        ratios.add(String.format("etl-service heap peak: %s (target <= 2 GiB at 1M)", mib(last.peakHeap().get("etl"))));
        if (figures.size() > 1) {
            Figures first = figures.get(0);
            ratios.add(String.format("%,d -> %,d ETL time ratio: %.2f (records x%.0f; target <= 11)", first.records(),
                    last.records(), last.etlSeconds() / first.etlSeconds(), (double) last.records() / first.records()));
            ratios.add(String.format("%,d -> %,d ingest time ratio: %.2f", first.records(), last.records(),
                    last.ingestSeconds() / first.ingestSeconds()));
        }
        md.append("\nRatios (largest size):\n\n");
        ratios.forEach(r -> md.append("- ").append(r).append('\n'));
        Files.createDirectories(results);
        String name = LocalDate.now() + "-" + figures.stream().map(f -> String.valueOf(f.records()))
                .reduce((a, b) -> a + "-" + b).orElse("") + (cluster ? "-cluster" : "");
        // A run never overwrites an earlier one of the same day: results are compared across changes.
        Path out = results.resolve(name + ".md");
        for (int n = 2; Files.exists(out); n++) {
            out = results.resolve(name + "-" + n + ".md");
        }
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + out);
        ratios.forEach(System.out::println);
    }

    private static String mib(Long bytes) {
        return bytes == null || bytes == 0 ? "n/a" : String.format("%,d MiB", bytes / (1024 * 1024));
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        env.putIfAbsent("TOPIC", "assessments");
        return env;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }

    /** Samples each service's heap (its Prometheus endpoint) and RSS (/proc) while the bench runs. */
    static final class MemorySampler {
        private final Map<String, Long> pids = new HashMap<>();
        private final Map<String, String> urls = new HashMap<>();
        private final Map<String, Long> heap = new HashMap<>();
        private final Map<String, Long> rss = new HashMap<>();
        private final String executorMarker;
        private volatile boolean running;
        private Thread thread;

        MemorySampler(String pidList, String executorMarker, Map<String, String> env) {
            this.executorMarker = executorMarker;
            for (String entry : pidList.split(",")) {
                if (entry.contains("=")) {
                    pids.put(entry.substring(0, entry.indexOf('=')), Long.parseLong(entry.substring(entry.indexOf('=') + 1)));
                }
            }
            urls.put("ingest", env.get("INGEST_URL"));
            urls.put("etl", env.get("ETL_URL"));
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running = false;
        }

        synchronized void reset() {
            heap.clear();
            rss.clear();
        }

        synchronized Map<String, Long> peakHeap() {
            return new HashMap<>(heap);
        }

        synchronized Map<String, Long> peakRss() {
            return new HashMap<>(rss);
        }

        private void sample() {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                try {
                    String text = HTTP.send(HttpRequest.newBuilder(URI.create(url.getValue() + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                    long used = text.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                            .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                    record(heap, url.getKey(), used);
                } catch (Exception ignored) {
                    // a busy service answers the next sample
                }
            }
            pids.forEach((name, pid) -> recordRss(name, pid));
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(executorMarker))
                    .forEach(p -> recordRss("executor", p.pid()));
        }

        private void recordRss(String name, long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        record(rss, name, Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }

        private synchronized void record(Map<String, Long> peaks, String name, long value) {
            peaks.merge(name, value, Math::max);
        }
    }
}
