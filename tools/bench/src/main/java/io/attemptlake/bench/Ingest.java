package io.attemptlake.bench;

import io.attemptlake.datagen.AttemptGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** The clients of the ingest-service: bulk NDJSON from a few, single records from many. */
final class Ingest {

    /** A single-record load: records per second, and latency percentiles in milliseconds. */
    record Latencies(double recordsPerSecond, double p50, double p99, long requests) {
    }

    private final Stack stack;
    private final Path work;

    Ingest(Stack stack, Path work) {
        this.stack = stack;
        this.work = work;
    }

    /** {@code n} generated records, seeded: the same seed gives the same file. */
    Path generate(long n, long seed) throws IOException {
        Path file = work.resolve("attempts-" + seed + "-" + n + ".ndjson");
        if (!Files.exists(file)) {
            Files.createDirectories(work);
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

    /** Seconds to publish the file as NDJSON requests of {@code perRequest} records from {@code clients} at once. */
    double bulk(Path file, int clients, int perRequest) throws Exception {
        List<byte[]> requests = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            StringBuilder body = new StringBuilder();
            int count = 0;
            String line;
            while ((line = in.readLine()) != null) {
                body.append(line).append('\n');
                if (++count % perRequest == 0) {
                    requests.add(body.toString().getBytes(StandardCharsets.UTF_8));
                    body.setLength(0);
                }
            }
            if (body.length() > 0) {
                requests.add(body.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        stack.post(requests.get((int) i), "application/x-ndjson");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * {@code clients} clients, each posting one record per request, until the file's records are
     * published; each request with an Idempotency-Key when {@code keyed}.
     */
    Latencies singleRecords(Path file, int clients, boolean keyed) throws Exception {
        List<String> records = Files.readAllLines(file);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong next = new AtomicLong();
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < records.size(); i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        stack.post(records.get((int) i).getBytes(StandardCharsets.UTF_8), "application/json", keyed);
                        nanos.add(System.nanoTime() - s);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Latencies(records.size() / seconds, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                sorted.size());
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
