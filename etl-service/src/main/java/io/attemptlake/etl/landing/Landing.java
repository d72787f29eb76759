package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The landing seam: from the topic's rows to the lake's tables, as Spark transformations with no
 * I/O (the run decides where things go), so each step runs on in-memory data in a test.
 *
 * <pre>
 *   kafka rows ──parse (common-model's reader, in the tasks)──▶ messages: one row each, with its flat rows
 *                            ├─ choose: (partition, offset) of the first message of each new attempt
 *                            └─ BatchWriter, one pass ──▶ raw/assessments        (every message, with its outcome)
 *                                                       ├ quarantine/assessments  (reason != null)
 *                                                       └ attempts / questions / options (the chosen messages')
 * </pre>
 *
 * Every table is written from {@code messages}; nothing is parsed twice. Columns: {@link LakeTables}.
 */
public final class Landing {

    public static final String TENANT = "tenant";
    public static final String INGEST_DATE = "ingest_date";
    public static final String RUN_ID = "run_id";
    public static final String REASON = "reason";
    public static final String ATTEMPT_KEY = "attempt_key";
    /** Set on a message of a learner erased from the lake: no table keeps anything of it. */
    static final String ERASED = "erased";
    static final String ATTEMPT = "attempt";
    static final String QUESTIONS = "questions";
    static final String OPTIONS = "options";

    private Landing() {
    }

    /**
     * Every message, parsed once by {@link MessageParser}, with the ingest date (UTC day of its Kafka
     * timestamp) and the run.
     */
    public static Dataset<Row> parse(Dataset<Row> kafka, String runId, Erased erased) {
        return SparkRows.dataset(kafka.sparkSession(), parsedRows(kafka, runId, erased), MessageParser.SCHEMA);
    }

    /**
     * The same as Spark's rows, one new row object each (Spark's own operators reuse theirs), so
     * they can be held in memory as they are.
     */
    public static RDD<InternalRow> parsedRows(Dataset<Row> kafka, String runId, Erased erased) {
        return SparkRows.of(kafka).toJavaRDD().mapPartitions(new MessageParser(kafka.schema(), runId, erased)).rdd();
    }

    /** The schema of {@link #parse}'s rows. */
    public static StructType parsedSchema() {
        return MessageParser.SCHEMA;
    }

    /**
     * What this batch lands: for each usable (tenant, attempt key) not landed before (asked of
     * {@code history} for the batch's keys only), its first message by Kafka timestamp, then
     * partition and offset, so a re-run chooses the same. Chosen on the driver from each message's
     * key (a few bytes each, collected by one job, which also fills the cache of {@code messages}).
     */
    public static Choice choose(Dataset<Row> messages, LandedLookup history) {
        List<Row> keys = messages.select(col(REASON).isNull().as("usable"), col(TENANT), col(ATTEMPT_KEY),
                col("timestamp"), col("partition"), col("offset"),
                size(col(QUESTIONS)).as("questions"), size(col(OPTIONS)).as("options"), col(ERASED)).collectAsList();
        Map<List<String>, Row> first = new HashMap<>();
        long quarantined = 0;
        long erased = 0;
        for (Row k : keys) {
            if (k.getBoolean(8)) {
                erased++;
                continue;
            }
            if (!k.getBoolean(0)) {
                quarantined++;
                continue;
            }
            first.merge(List.of(k.getString(1), k.getString(2)), k, (a, b) -> earlier(a, b) ? a : b);
        }
        if (!first.isEmpty()) {
            first.keySet().removeAll(history.landed(first.keySet()));
        }
        List<Row> winners = first.values().stream()
                .map(k -> RowFactory.create(k.getInt(4), k.getLong(5), k.getInt(6), k.getInt(7)))
                .toList();
        return new Choice(keys.size(), quarantined, erased, winners, List.copyOf(first.keySet()));
    }

    /** As {@link #choose(Dataset, LandedLookup)}, against a table of landed (tenant, attempt_key). */
    public static Choice choose(Dataset<Row> messages, Dataset<Row> landedKeys) {
        return choose(messages, LandedLookup.scanning(landedKeys));
    }

    @SuppressWarnings("unchecked") // Instant or Timestamp, both Comparable to themselves
    // The order of a batch's copies of one attempt: Kafka timestamp, then partition, then offset.
    private static boolean earlier(Row a, Row b) {
        int byTime = ((Comparable<Object>) a.get(3)).compareTo(b.get(3));
        if (byTime != 0) {
            return byTime < 0;
        }
        return a.getInt(4) != b.getInt(4) ? a.getInt(4) < b.getInt(4) : a.getLong(5) < b.getLong(5);
    }

    /**
     * What a batch holds: how many messages, how many unusable, how many of erased learners, and the
     * winners: (partition, offset) of each message that lands its attempt, with the questions and
     * options it lands, and the (tenant, attempt key) of each, which the lake holds once the batch is
     * committed.
     */
    public record Choice(long messages, long quarantined, long erased, List<Row> winners, List<List<String>> landing) {

        public long questions() {
            return winners.stream().mapToLong(w -> w.getInt(2)).sum();
        }

        public long options() {
            return winners.stream().mapToLong(w -> w.getInt(3)).sum();
        }

        public long duplicates() {
            return messages - quarantined - erased - winners.size();
        }

        /** The winners as a (local) table to join with. */
        public Dataset<Row> table(SparkSession spark) {
            return spark.createDataFrame(winners, WINNERS);
        }
    }

    static final StructType KEYS = new StructType()
            .add(TENANT, DataTypes.StringType).add(ATTEMPT_KEY, DataTypes.StringType);

    /** The winners' schema: (partition, offset) and what each lands. */
    public static final StructType WINNERS = new StructType()
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType)
            .add("questions", DataTypes.IntegerType).add("options", DataTypes.IntegerType);

}
