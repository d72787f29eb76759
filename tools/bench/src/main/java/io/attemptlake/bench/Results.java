package io.attemptlake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one bench run measured, scenario by scenario, for the report. */
final class Results {

    /**
     * One batch, end to end: the producer floor and the ingest publishing it, the Spark floor and
     * the ETL landing it (and the lab's inference approach on it, when measured).
     */
    record Batch(long records, long bytes, double producerFloor, double ingest, double sparkFloor, double etl,
                 Double inference, Memory.Peaks peaks, JsonNode run) {
    }

    final String mode;
    /** Ten consecutive 100k runs into one lake, in order (also the 100k repeats). */
    final List<Batch> growth = new ArrayList<>();
    /** Other sizes' repeats. */
    final Map<Long, List<Batch>> sizes = new LinkedHashMap<>();
    /** 1M with etl.run.max-records=100000. */
    Batch chunked;
    final List<Double> smallFloor = new ArrayList<>();
    final List<Double> smallWarm = new ArrayList<>();
    final List<Double> freshness = new ArrayList<>();
    final List<Double> cold = new ArrayList<>();
    final List<Double> coldReady = new ArrayList<>();
    /** Single-record requests, each with an Idempotency-Key. */
    final List<Ingest.Latencies> single = new ArrayList<>();
    /** Single-record requests without a key. */
    final List<Ingest.Latencies> singleUnkeyed = new ArrayList<>();
    /** Whole-table exports of the lake as the sizes left it: rows, seconds, bytes and the etl-service's peaks. */
    record Export(String view, long rows, double seconds, long bytes, Memory.Peaks peaks) {
    }

    final List<Export> exports = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Results(String mode) {
        this.mode = mode;
    }

    /** The batches of one size: the growth runs for 100k. */
    List<Batch> of(long records) {
        if (records == 100_000 && !growth.isEmpty()) {
            return growth;
        }
        return sizes.getOrDefault(records, List.of());
    }
}
