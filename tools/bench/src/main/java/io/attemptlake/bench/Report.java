package io.attemptlake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The bench's Markdown: each scenario's figures beside their floors, then every target, met or not. */
final class Report {

    private final Results r;
    private final StringBuilder md = new StringBuilder();
    private final List<String> targets = new ArrayList<>();

    Report(Results results) {
        this.r = results;
    }

    Path write(Path dir, String sizes) throws IOException {
        header();
        etl();
        growth();
        chunked();
        exports();
        small();
        ingest();
        md.append("\n## Targets\n\n");
        targets.forEach(t -> md.append("- ").append(t).append('\n'));
        if (!r.notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            r.notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Files.createDirectories(dir);
        String name = LocalDate.now() + "-" + sizes + (r.mode.equals("cluster") ? "-cluster" : "");
        // A run never overwrites an earlier one of the same day: results are compared across changes.
        Path out = dir.resolve(name + ".md");
        for (int n = 2; Files.exists(out); n++) {
            out = dir.resolve(name + "-" + n + ".md");
        }
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + out);
        return out;
    }

    private void header() {
        md.append("# Benchmark ").append(LocalDate.now()).append("\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(r.mode.equals("cluster")
                        ? "; the loopback cluster (./pipeline up --cluster: 3 Kafka brokers, NameNode + 3 DataNodes, Spark "
                          + "standalone Master + Worker with one 2-core executor, the etl-service its client-mode driver)"
                        : "; one local stack (Kafka, HDFS, both services, Spark local[*])")
                .append(" on the same machine; records from the seeded generator (lab shape, ~2.8 kB each). The floors and ")
                .append("inference run in the benchmark's own local Spark, warmed. Times are medians (min–max, n) of the ")
                .append("repeats; ETL times are the run's own (started → finished); every ratio compares two figures of ")
                .append("this run.\n");
    }

    private void etl() {
        if (sizes().isEmpty()) {
            return;
        }
        md.append("\n## Full ETL runs against the Spark floor\n\n")
                .append("| records | MB | Spark floor | full ETL | ETL / floor | inference | inference / ETL "
                        + "| etl heap peak | etl live heap peak | etl RSS peak |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (long size : sizes()) {
            List<Results.Batch> b = r.of(size);
            Stat floor = stat(b, Results.Batch::sparkFloor);
            Stat etl = stat(b, Results.Batch::etl);
            List<Double> inference = b.stream().filter(x -> x.inference() != null).map(Results.Batch::inference).toList();
            Results.Batch median = closest(b, etl.median());
            md.append(String.format("| %,d | %.0f | %s | %s | %.2f | %s | %s | %s | %s | %s |%n", size, b.get(0).bytes() / 1e6,
                    floor.seconds(), etl.seconds(), etl.median() / floor.median(),
                    inference.isEmpty() ? "–" : Stat.of(inference).seconds(),
                    inference.isEmpty() ? "–" : String.format("%.2f", Stat.of(inference).median() / etl.median()),
                    median.peaks().heapOf("etl"), median.peaks().liveOf("etl"), median.peaks().rssOf("etl")));
            target(String.format("%,d records: full ETL / Spark floor %.2f (target <= 2.5)", size, etl.median() / floor.median()),
                    etl.median() / floor.median() <= 2.5);
            if (size >= 1_000_000) {
                long peak = median.peaks().heap().getOrDefault("etl", 0L);
                target(String.format("%,d records: etl-service heap peak %s (target <= 2 GiB)", size, Memory.mib(peak)),
                        peak <= 2L << 30);
            }
        }
        md.append("\nPhases (ms, summed over commits) of the median run of each size:\n\n");
        for (long size : sizes()) {
            Results.Batch median = closest(r.of(size), stat(r.of(size), Results.Batch::etl).median());
            md.append(String.format("- %,d: %s; %d commit(s); tasks on %s%n", size, median.run().get("phaseMillis"),
                    median.run().path("commits").size(), median.run().get("executors")));
        }
    }

    private void growth() {
        if (r.growth.isEmpty()) {
            return;
        }
        md.append("\n## Lake growth: consecutive 100,000-record runs into one lake\n\n| run | lake before (attempts) | Spark floor | full ETL "
                + "| ETL / floor |\n|---:|---:|---:|---:|---:|\n");
        long landed = 0;
        for (int i = 0; i < r.growth.size(); i++) {
            Results.Batch b = r.growth.get(i);
            md.append(String.format("| %d | %,d | %.1f s | %.1f s | %.2f |%n", i + 1, landed, b.sparkFloor(), b.etl(),
                    b.etl() / b.sparkFloor()));
            landed += b.run().get("counts").get("attempts").asLong();
        }
        Results.Batch first = r.growth.get(0);
        Results.Batch last = r.growth.get(r.growth.size() - 1);
        target(String.format("lake growth: run %d / run 1 = %.2f (target <= 1.25)", r.growth.size(), last.etl() / first.etl()),
                last.etl() / first.etl() <= 1.25);
    }

    private void chunked() {
        if (r.chunked == null) {
            return;
        }
        Results.Batch c = r.chunked;
        Results.Batch hundred = closest(r.of(100_000), stat(r.of(100_000), Results.Batch::etl).median());
        md.append(String.format("%n## %,d records with etl.run.max-records=100,000%n%n%.1f s in %d commits (Spark floor %.1f s); "
                        + "etl heap peak %s, live heap peak %s (a 100,000-record run: %s, %s)%n", c.records(), c.etl(),
                c.run().path("commits").size(), c.sparkFloor(), c.peaks().heapOf("etl"), c.peaks().liveOf("etl"),
                hundred.peaks().heapOf("etl"), hundred.peaks().liveOf("etl")));
        double heap = ratio(c.peaks().heap().get("etl"), hundred.peaks().heap().get("etl"));
        double live = ratio(c.peaks().live().get("etl"), hundred.peaks().live().get("etl"));
        target(String.format("1M in commits of 100k: heap peak %.2f× a 100k run's (live heap %.2f×; target within 1.15)", heap, live),
                heap <= 1.15);
    }

    private void exports() {
        if (r.exports.size() < 2) {
            return;
        }
        md.append("\n## Exports (every row of a view, one Parquet file, read to its end)\n\n| view | rows | bytes | time "
                + "| etl heap peak | etl live heap peak |\n|---|---:|---:|---:|---:|---:|\n");
        for (Results.Export e : r.exports) {
            md.append(String.format("| %s | %,d | %,d | %.1f s | %s | %s |%n", e.view(), e.rows(), e.bytes(), e.seconds(),
                    e.peaks().heapOf("etl"), e.peaks().liveOf("etl")));
        }
        Results.Export small = r.exports.get(0);
        Results.Export large = r.exports.get(r.exports.size() - 1);
        double live = ratio(large.peaks().live().get("etl"), small.peaks().live().get("etl"));
        target(String.format("export of %,d rows: etl live heap peak %.2f× that of %,d rows (target <= 1.25: it streams)",
                large.rows(), live, small.rows()), live <= 1.25);
    }

    private void small() {
        if (r.smallWarm.isEmpty() && r.cold.isEmpty()) {
            return;
        }
        md.append("\n## Small runs (3,280 records)\n\n");
        Stat floor = Stat.of(r.smallFloor);
        Stat warm = Stat.of(r.smallWarm);
        md.append(String.format("- Spark floor on the same messages: %s; warm run: %s → %.2f× (target <= 3)%n", floor.seconds(),
                warm.seconds(), warm.median() / floor.median()));
        target(String.format("small warm run / Spark floor %.2f (target <= 3)", warm.median() / floor.median()),
                warm.median() / floor.median() <= 3);
        if (!r.freshness.isEmpty()) {
            Stat fresh = Stat.of(r.freshness);
            md.append(String.format("- POST → queryable: %s → %.2f× the warm run (target <= 1.5)%n", fresh.seconds(),
                    fresh.median() / warm.median()));
            target(String.format("POST → queryable / warm run %.2f (target <= 1.5)", fresh.median() / warm.median()),
                    fresh.median() / warm.median() <= 1.5);
        }
        if (!r.cold.isEmpty()) {
            Stat cold = Stat.of(r.cold);
            md.append(String.format("- first run after the etl-service reports ready: %s (ready %s after its start) → %.2f× the "
                    + "warm run (target <= 1.3)%n", cold.seconds(), Stat.of(r.coldReady).seconds(), cold.median() / warm.median()));
            target(String.format("first run after ready / warm run %.2f (target <= 1.3)", cold.median() / warm.median()),
                    cold.median() / warm.median() <= 1.3);
        }
    }

    private void ingest() {
        if (sizes().isEmpty() && r.single.isEmpty()) {
            return;
        }
        md.append("\n## Ingest\n\n| records | producer floor | ingest-service (4 clients, NDJSON) | ingest / floor "
                + "| ingest heap peak | ingest RSS peak |\n|---:|---:|---:|---:|---:|---:|\n");
        for (long size : sizes()) {
            List<Results.Batch> b = r.of(size);
            Stat floor = stat(b, Results.Batch::producerFloor);
            Stat in = stat(b, Results.Batch::ingest);
            double ratio = floor.median() / in.median();
            md.append(String.format("| %,d | %s (%,.0f rec/s) | %s (%,.0f rec/s) | %.2f | %s | %s |%n", size, floor.seconds(),
                    size / floor.median(), in.seconds(), size / in.median(), ratio, b.get(0).peaks().heapOf("ingest"),
                    b.get(0).peaks().rssOf("ingest")));
            target(String.format("%,d records: bulk ingest / producer floor %.2f (target >= 0.6)", size, ratio), ratio >= 0.6);
        }
        if (!r.single.isEmpty() && !r.of(100_000).isEmpty()) {
            double floorRate = 100_000 / stat(r.of(100_000), Results.Batch::producerFloor).median();
            md.append(String.format("%nSingle-record requests, 16 clients, against the producer floor's %,.0f rec/s:%n%n", floorRate));
            single("each with an Idempotency-Key", r.single, floorRate);
            single("without a key", r.singleUnkeyed, floorRate);
        }
    }

    private void single(String kind, List<Ingest.Latencies> runs, double floorRate) {
        Stat rate = Stat.of(runs.stream().map(Ingest.Latencies::recordsPerSecond).toList());
        Stat p50 = Stat.of(runs.stream().map(Ingest.Latencies::p50).toList());
        Stat p99 = Stat.of(runs.stream().map(Ingest.Latencies::p99).toList());
        md.append(String.format("- %s: %,.0f records/s (%,.0f–%,.0f) = %.3f× the floor; p50 %.1f ms, p99 %.1f ms "
                        + "(p99 / p50 = %.1f)%n", kind, rate.median(), rate.min(), rate.max(), rate.median() / floorRate,
                p50.median(), p99.median(), p99.median() / p50.median()));
        target(String.format("single-record requests %s: records/s / producer floor %.3f (target >= 0.1)", kind,
                rate.median() / floorRate), rate.median() / floorRate >= 0.1);
        target(String.format("single-record requests %s: p99 / p50 %.1f (target <= 5)", kind, p99.median() / p50.median()),
                p99.median() / p50.median() <= 5);
    }

    private List<Long> sizes() {
        List<Long> sizes = new ArrayList<>();
        if (!r.growth.isEmpty()) {
            sizes.add(100_000L);
        }
        r.sizes.keySet().stream().filter(s -> !sizes.contains(s)).forEach(sizes::add);
        return sizes;
    }

    private void target(String text, boolean met) {
        targets.add((met ? "met: " : "NOT met: ") + text);
    }

    private static Stat stat(List<Results.Batch> batches, ToDoubleFunction<Results.Batch> f) {
        return Stat.of(batches.stream().map(b -> f.applyAsDouble(b)).toList());
    }

    private static Results.Batch closest(List<Results.Batch> batches, double etl) {
        return batches.stream().min((a, b) -> Double.compare(Math.abs(a.etl() - etl), Math.abs(b.etl() - etl))).orElseThrow();
    }

    private static double ratio(Long a, Long b) {
        return a == null || b == null || b == 0 ? Double.NaN : (double) a / b;
    }

    /** The targets, as printed last. */
    List<String> targets() {
        return targets;
    }
}
