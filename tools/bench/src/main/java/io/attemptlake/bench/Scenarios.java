package io.attemptlake.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenarios: each warms up first, then measures a figure and its floor in the same run, as many
 * times as asked. Batches of records are new each time (their own seed), since a run lands only
 * what is new.
 */
final class Scenarios {

    private final Stack stack;
    private final Floors floors;
    private final Ingest ingest;
    private final Memory memory;
    private final Results results;
    private final int clients;
    private final int perRequest;
    private long seed = 205;

    Scenarios(Stack stack, Floors floors, Ingest ingest, Memory memory, Results results, int clients, int perRequest) {
        this.stack = stack;
        this.floors = floors;
        this.ingest = ingest;
        this.memory = memory;
        this.results = results;
        this.clients = clients;
        this.perRequest = perRequest;
    }

    /** A small batch through everything, so that no figure below pays a first time. */
    void warmUp() throws Exception {
        say("warm-up: 3,280 records through ingest, both floors and a run ...");
        batch(3280, false);
    }

    /** Ten consecutive 100k runs into one lake: the time of each shows what the lake's history costs. */
    void lakeGrowth(int runs, boolean inference) throws Exception {
        for (int i = 1; i <= runs; i++) {
            say("lake growth, run %d of %d: 100,000 records ...", i, runs);
            results.growth.add(batch(100_000, inference && i <= 3));
        }
    }

    /** Full runs of a larger size (e.g. 1M), with their floors. */
    void size(long records, int repeats, boolean inference) throws Exception {
        for (int i = 1; i <= repeats; i++) {
            say("%,d records, repeat %d of %d ...", records, i, repeats);
            results.sizes.computeIfAbsent(records, r -> new ArrayList<>()).add(batch(records, inference && i == 1));
        }
    }

    /** 1M records landed in commits of at most 100,000 (the etl-service restarted with that setting). */
    void chunked(long records, long maxRecords) throws Exception {
        say("%,d records with etl.run.max-records=%,d (restarting the etl-service) ...", records, maxRecords);
        stack.restartEtl(List.of("-Detl.run.max-records=" + maxRecords));
        results.chunked = batch(records, false);
        stack.restartEtl(List.of());
    }

    /** 3,280 records: a warm run against the Spark floor on the same messages, and POST until queryable. */
    void smallRuns(int repeats) throws Exception {
        // A scenario before may have restarted the etl-service: the warm figures start warm (cold has its own).
        batch(3280, false);
        for (int i = 1; i <= repeats; i++) {
            say("small run %d of %d: 3,280 records ...", i, repeats);
            Results.Batch b = batch(3280, false);
            results.smallFloor.add(b.sparkFloor());
            results.smallWarm.add(b.etl());
        }
        for (int i = 1; i <= repeats; i++) {
            Path file = ingest.generate(3280, ++seed);
            long t0 = System.nanoTime();
            stack.post(Files.readAllBytes(file), "application/x-ndjson");
            Stack.EtlRun run = stack.runEtl();
            while (stack.landedBy(run.id()) != 3280) {
                Thread.sleep(20);
            }
            results.freshness.add((System.nanoTime() - t0) / 1e9);
            say("  POST → queryable %.1f s", results.freshness.get(results.freshness.size() - 1));
        }
    }

    /**
     * Exports of every row of a small and a large table of the lake as it stands (attempts, and
     * options: about eighteen times the rows), each with its own memory peaks: an export streams, so
     * the large one must not need more heap than the small.
     */
    void exports() throws Exception {
        for (String view : List.of("attempts", "options")) {
            long rows = stack.count(view);
            memory.reset();
            long t0 = System.nanoTime();
            long bytes = stack.export(view);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(1000); // one more memory sample after the last byte
            results.exports.add(new Results.Export(view, rows, seconds, bytes, memory.peaks()));
            say("  export of %s: %,d rows, %,d bytes in %.1f s, etl heap peak %s, live %s", view, rows, bytes, seconds,
                    memory.peaks().heapOf("etl"), memory.peaks().liveOf("etl"));
        }
    }

    /** The first run after the etl-service reports ready, from a fresh start. */
    void coldStarts(int repeats) throws Exception {
        for (int i = 1; i <= repeats; i++) {
            say("cold start %d of %d: restart the etl-service, then 3,280 records ...", i, repeats);
            results.coldReady.add(stack.restartEtl(List.of()));
            Path file = ingest.generate(3280, ++seed);
            stack.post(Files.readAllBytes(file), "application/x-ndjson");
            Stack.EtlRun run = stack.runEtl();
            results.cold.add(run.seconds());
            say("  ready after %.1f s; first run %.1f s", results.coldReady.get(i - 1), run.seconds());
        }
    }

    /**
     * How an LMS back end sends finished attempts: many clients, one record per request, with an
     * Idempotency-Key (a transaction per group of requests) and without (a lone record needs none).
     * The warm-up is a full round of each: the JIT takes rounds to compile the request path.
     */
    void singleRecords(int clients, int requests, int repeats) throws Exception {
        say("single-record requests: warm-up ...");
        for (boolean keyed : new boolean[] {false, true}) {
            ingest.singleRecords(ingest.generate(requests, ++seed), clients, keyed);
        }
        for (int i = 1; i <= repeats; i++) {
            for (boolean keyed : new boolean[] {false, true}) {
                Ingest.Latencies l = ingest.singleRecords(ingest.generate(requests, ++seed), clients, keyed);
                (keyed ? results.single : results.singleUnkeyed).add(l);
                say("  %d clients, %s: %,.0f records/s, p50 %.1f ms, p99 %.1f ms", clients,
                        keyed ? "each with an Idempotency-Key" : "without a key", l.recordsPerSecond(), l.p50(), l.p99());
            }
        }
    }

    private Results.Batch batch(long n, boolean inference) throws Exception {
        Path file = ingest.generate(n, ++seed);
        long bytes = Files.size(file);
        memory.reset();
        double producerFloor = floors.producer(file);
        Map<Integer, Long> before = floors.stableOffsets();
        double published = ingest.bulk(file, clients, perRequest);
        Floors.Range range = new Floors.Range(before, floors.stableOffsets());
        double sparkFloor = floors.spark(range);
        Stack.EtlRun run = stack.runEtl();
        Double inferred = inference ? floors.inference(range) : null;
        say("  producer floor %.1f s, ingest %.1f s | Spark floor %.1f s, ETL %.1f s (%d commits)%s",
                producerFloor, published, sparkFloor, run.seconds(), run.record().path("commits").size(),
                inferred == null ? "" : String.format(", inference %.1f s", inferred));
        return new Results.Batch(n, bytes, producerFloor, published, sparkFloor, run.seconds(), inferred, memory.peaks(),
                run.record());
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
