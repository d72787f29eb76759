package io.attemptlake.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples each service twice a second while a scenario runs: heap in use and the live heap after
 * the last collection (Micrometer's jvm_gc_live_data_size_bytes: what the heap really has to hold),
 * from the service's Prometheus endpoint; and RSS from /proc (executors on a cluster too).
 */
final class Memory {

    /** Peaks per service since the last reset. */
    record Peaks(Map<String, Long> heap, Map<String, Long> live, Map<String, Long> rss) {
        String heapOf(String service) {
            return mib(heap.get(service));
        }

        String liveOf(String service) {
            return mib(live.get(service));
        }

        String rssOf(String service) {
            return mib(rss.get(service));
        }
    }

    private final Stack stack;
    private final String executorMarker;
    private final Map<String, Long> heap = new HashMap<>();
    private final Map<String, Long> live = new HashMap<>();
    private final Map<String, Long> rss = new HashMap<>();
    private volatile boolean running;

    Memory(Stack stack, String executorMarker) {
        this.stack = stack;
        this.executorMarker = executorMarker;
    }

    void start() {
        running = true;
        Thread t = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        t.setDaemon(true);
        t.start();
    }

    void stop() {
        running = false;
    }

    synchronized void reset() {
        heap.clear();
        live.clear();
        rss.clear();
    }

    synchronized Peaks peaks() {
        return new Peaks(new HashMap<>(heap), new HashMap<>(live), new HashMap<>(rss));
    }

    private void sample() {
        for (String service : new String[] {"ingest", "etl"}) {
            String url = stack.env.get(service.equals("etl") ? "ETL_URL" : "INGEST_URL");
            try {
                String text = Stack.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                record(heap, service, text.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                        .mapToLong(Memory::value).sum());
                text.lines().filter(l -> l.startsWith("jvm_gc_live_data_size_bytes")).findFirst()
                        .ifPresent(l -> record(live, service, value(l)));
                recordRss(service, stack.pid(service));
            } catch (Exception ignored) {
                // a busy or restarting service answers the next sample
            }
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(executorMarker))
                .forEach(p -> recordRss("executor", p.pid()));
    }

    private static long value(String line) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
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

    static String mib(Long bytes) {
        return bytes == null || bytes == 0 ? "n/a" : String.format("%,d MiB", bytes / (1024 * 1024));
    }
}
