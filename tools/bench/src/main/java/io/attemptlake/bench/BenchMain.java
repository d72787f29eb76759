package io.attemptlake.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./pipeline bench}: the pipeline beside the floors this machine sets, in one run, with the
 * same generated records (as Kafka's perf tools, a harness runs scenarios and a report sums them up):
 * <ul>
 *   <li>{@code growth}: ten consecutive 100,000-record runs into one lake, each with its floors (the
 *       100k repeats);</li>
 *   <li>{@code sizes}: each further size of {@code --records} (e.g. 1,000,000), repeated;</li>
 *   <li>{@code chunked}: 1M landed with etl.run.max-records=100000;</li>
 *   <li>{@code exports}: every row of attempts and of options (about eighteen times the rows) through the export API;</li>
 *   <li>{@code small}: 3,280 records, warm run and POST → queryable; {@code cold}: the first run after a restart;</li>
 *   <li>{@code single}: single-record requests from 16 clients.</li>
 * </ul>
 * Options: --stack-env, --records N[,M], --repeats (3), --growth-runs (10), --scenarios (all, comma
 * separated), --work, --results, --mode.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path stackEnv = Path.of(options.get("stack-env"));
        Stack stack = new Stack(stackEnv);
        Path work = Path.of(options.getOrDefault("work", "tools/bench/work"));
        List<Long> sizes = Arrays.stream(options.getOrDefault("records", "100000").split(",")).map(s -> Long.parseLong(s.trim())).toList();
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
        int growthRuns = Integer.parseInt(options.getOrDefault("growth-runs", "10"));
        List<String> scenarios = Arrays.asList(options.getOrDefault("scenarios", "growth,sizes,chunked,exports,small,cold,single").split(","));
        String mode = options.getOrDefault("mode", "local");

        // On a cluster the executors do the ETL's work: sampled too, found by the stack's marker.
        Memory memory = new Memory(stack, "-Dattemptlake.stack=" + stackEnv.toAbsolutePath().getParent() + ":executor");
        Results results = new Results(mode);
        memory.start();
        try (Floors floors = new Floors(stack)) {
            Scenarios s = new Scenarios(stack, floors, new Ingest(stack, work), memory, results,
                    Integer.parseInt(options.getOrDefault("clients", "4")),
                    Integer.parseInt(options.getOrDefault("request-records", "5000")));
            s.warmUp();
            if (scenarios.contains("growth")) {
                s.lakeGrowth(growthRuns, true);
            }
            if (scenarios.contains("sizes")) {
                for (long size : sizes) {
                    if (size != 100_000 || !scenarios.contains("growth")) {
                        s.size(size, size >= 1_000_000 ? Math.min(repeats, 2) : repeats, true);
                    }
                }
            }
            if (scenarios.contains("chunked") && sizes.stream().anyMatch(n -> n >= 1_000_000)) {
                s.chunked(sizes.stream().filter(n -> n >= 1_000_000).findFirst().orElseThrow(), 100_000);
            }
            if (scenarios.contains("exports")) {
                s.exports();
            }
            if (scenarios.contains("small")) {
                s.smallRuns(repeats);
            }
            if (scenarios.contains("cold")) {
                s.coldStarts(Math.min(repeats, 2));
            }
            if (scenarios.contains("single")) {
                s.singleRecords(16, 8_000, repeats);
            }
        } finally {
            memory.stop();
        }
        Report report = new Report(results);
        boolean sized = scenarios.contains("growth") || scenarios.contains("sizes") || scenarios.contains("chunked");
        report.write(Path.of(options.getOrDefault("results", "tools/bench/results")),
                sized ? String.join("-", sizes.stream().map(String::valueOf).toList()) : String.join("-", scenarios));
        report.targets().forEach(System.out::println);
    }
}
