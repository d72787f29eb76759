package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.is_valid_utf8;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.attemptlake.model.AnswerOption;
import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.Counts;
import io.attemptlake.model.Question;
import io.attemptlake.model.Sequences;
import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The landing seam: pure Spark transformations from the topic's rows to the lake's tables. No I/O
 * here (the run decides where things are written), so each step is testable on in-memory data.
 *
 * <pre>
 *   kafka rows ──parse──▶ messages (every message: coordinates, tenant, parsed record, reason)
 *                            ├─ duplicates (usable, but the attempt is landed already)
 *                            ├─ raw ─────────▶ raw/assessments        (all of them, with their outcome)
 *                            ├─ quarantine ──▶ quarantine/assessments  (reason != null)
 *                            └─ landing (usable minus duplicates) ──▶ attempts / questions / options
 * </pre>
 */
public final class Landing {

    public static final String TENANT = "tenant";
    public static final String INGEST_DATE = "ingest_date";
    public static final String RUN_ID = "run_id";
    public static final String REASON = "reason";
    public static final String ATTEMPT_KEY = "attempt_key";
    static final String RECORD = "record";

    /** Spark's JSON reader made as strict as the ingest's (the defaults allow single quotes, NaN). */
    private static final Map<String, String> JSON_OPTIONS = Map.of(
            "mode", "PERMISSIVE",
            "columnNameOfCorruptRecord", AttemptSchema.CORRUPT_RECORD,
            "allowSingleQuotes", "false",
            "allowNonNumericNumbers", "false",
            "allowNumericLeadingZeros", "false",
            "allowUnquotedControlChars", "false");

    private static final String TENANT_REGEX = "\\A(?:" + TenantId.REGEX + ")\\z";

    private Landing() {
    }

    /**
     * Every message, parsed once: Kafka coordinates and headers, the tenant (from the header; null
     * when missing or not a valid id), the ingest date (UTC day of the Kafka timestamp), the record
     * (null when unusable), the quarantine reason (null when usable) and the attempt key.
     */
    public static Dataset<Row> parse(Dataset<Row> kafka, String runId) {
        Column tenantHeader = header("tenant");
        Dataset<Row> messages = kafka.select(
                col("value").cast(DataTypes.StringType).as("value"),
                col("key").cast(DataTypes.StringType).as("key"),
                col("topic"), col("partition"), col("offset"), col("timestamp"), col("headers"),
                tenantHeader.as("tenant_header"),
                when(tenantHeader.rlike(TENANT_REGEX), tenantHeader).as(TENANT),
                header("request-id").as("request_id"),
                to_date(col("timestamp")).as(INGEST_DATE),
                lit(runId).as(RUN_ID));
        Column record = from_json(col("value"), AttemptSchema.forParsing(), JSON_OPTIONS);
        Dataset<Row> parsed = messages.withColumn(RECORD, record);
        Column reason = coalesce(
                when(col("tenant_header").isNull(), lit("no tenant header")),
                when(col(TENANT).isNull(), lit("the tenant header is not a valid tenant id")),
                when(col("value").isNull().or(col(RECORD).isNull()), lit("empty message")),
                when(not(is_valid_utf8(col("value"))), lit("not valid UTF-8")),
                when(col(RECORD + "." + AttemptSchema.CORRUPT_RECORD).isNotNull(),
                        when(json_object_keys(col("value")).isNull(), lit("malformed JSON or not a JSON object"))
                                .otherwise(lit("a field has the wrong JSON type for the record schema"))),
                nullif(RecordRules.violations(col(RECORD)), lit("")));
        Column key = coalesce(col(RECORD + ".keen_id"),
                concat(lit(AttemptIdentity.FALLBACK_PREFIX), col(RECORD + ".user_exam_id")));
        return parsed
                .withColumn(REASON, reason)
                .withColumn(RECORD, when(col(REASON).isNull(), col(RECORD).dropFields(scala.jdk.javaapi.CollectionConverters.asScala(List.of(AttemptSchema.CORRUPT_RECORD)).toSeq())))
                .withColumn(ATTEMPT_KEY, when(col(REASON).isNull(), key))
                .drop("tenant_header");
    }

    /**
     * raw/assessments: every message as it was in Kafka, and what became of it: its attempt key and
     * its outcome ({@code landed}, {@code duplicate} of an attempt already landed, or {@code quarantined}).
     */
    public static Dataset<Row> raw(Dataset<Row> messages, Dataset<Row> duplicates) {
        Column outcome = when(col(REASON).isNotNull(), lit("quarantined"))
                .when(col("duplicate").isNotNull(), lit("duplicate"))
                .otherwise(lit("landed"));
        return messages.join(broadcast(duplicates.withColumn("duplicate", lit(true))),
                        new String[] {"partition", "offset"}, "left_outer")
                .select(col("value"), col("key"), col("topic"), col("partition"), col("offset"),
                        col("timestamp"), col("headers"), col("request_id"), col(ATTEMPT_KEY), outcome.as("outcome"),
                        col(RUN_ID), col(TENANT), col(INGEST_DATE));
    }

    /** quarantine/assessments: the unusable messages, as in Kafka, with the reason. */
    public static Dataset<Row> quarantine(Dataset<Row> messages) {
        return messages.filter(col(REASON).isNotNull()).select(col("value"), col("key"), col("topic"),
                col("partition"), col("offset"), col("timestamp"), col("headers"), col("request_id"), col(REASON),
                col(RUN_ID), col(TENANT), col(INGEST_DATE));
    }

    /**
     * The (partition, offset) of usable messages that are not landed because their attempt is
     * already there: landed by an earlier run ({@code landedKeys}: tenant, attempt_key) or earlier in
     * this batch (first by Kafka timestamp, then partition and offset, so re-runs choose the same).
     * Narrow rows only: the messages themselves are never shuffled.
     */
    public static Dataset<Row> duplicates(Dataset<Row> messages, Dataset<Row> landedKeys) {
        Dataset<Row> landed = landedKeys.select(TENANT, ATTEMPT_KEY).distinct().withColumn("landed", lit(true));
        // One pass, no union of two branches over the same scan (a shape AQE was seen to hang on).
        return messages.filter(col(REASON).isNull())
                .select(col(TENANT), col(ATTEMPT_KEY), col("timestamp"), col("partition"), col("offset"))
                .join(landed, new String[] {TENANT, ATTEMPT_KEY}, "left_outer")
                .withColumn("n", row_number().over(Window.partitionBy(TENANT, ATTEMPT_KEY)
                        .orderBy(col("timestamp"), col("partition"), col("offset"))))
                .filter(col("landed").isNotNull().or(col("n").gt(1)))
                .select("partition", "offset");
    }

    /** The usable messages whose attempt is landed by this run. */
    public static Dataset<Row> landing(Dataset<Row> messages, Dataset<Row> duplicates) {
        return messages.filter(col(REASON).isNull())
                .join(broadcast(duplicates), new String[] {"partition", "offset"}, "left_anti");
    }

    /** flattened/attempts: one row per attempt, source names kept, wire strings typed. */
    public static Dataset<Row> attempts(Dataset<Row> landing) {
        Column record = col(RECORD);
        Column sequences = record.getField("sequences");
        Column counts = sequences.getField("counts");
        List<Column> columns = new ArrayList<>();
        columns.add(col(ATTEMPT_KEY));
        columns.addAll(scalars(record, AssessmentAttempt.class, null));
        columns.addAll(scalars(sequences, Sequences.class, "sequence_id"));
        columns.addAll(scalars(counts, Counts.class, null));
        columns.add(when(counts.getField("total").gt(0),
                counts.getField("correct").cast(DataTypes.DoubleType).divide(counts.getField("total"))).as("score"));
        columns.add(coalesce(size(sequences.getField("questions")), lit(0)).as("question_count"));
        columns.addAll(coordinates());
        return landing.select(columns.toArray(Column[]::new));
    }

    /** flattened/questions: one row per question of each landed attempt. */
    public static Dataset<Row> questions(Dataset<Row> landing) {
        Column q = col("q");
        Column options = q.getField("options");
        List<Column> columns = new ArrayList<>(List.of(col(ATTEMPT_KEY), col("question_index")));
        columns.addAll(scalars(q, Question.class, "question_id"));
        columns.add(coalesce(size(options), lit(0)).as("option_count"));
        columns.add(coalesce(size(filter(options, o -> o.getField("checked"))), lit(0)).as("options_checked"));
        columns.add(coalesce(size(filter(options, o -> o.getField("correct"))), lit(0)).as("options_correct"));
        columns.addAll(List.of(col(RUN_ID), col(TENANT), col(INGEST_DATE)));
        return explodeQuestions(landing).select(columns.toArray(Column[]::new));
    }

    /** flattened/options: one row per option of each question. */
    public static Dataset<Row> options(Dataset<Row> landing) {
        Column o = col("o");
        List<Column> columns = new ArrayList<>(List.of(col(ATTEMPT_KEY), col("question_index"),
                col("q").getField("id").as("question_id"), col("option_index")));
        columns.addAll(scalars(o, AnswerOption.class, "option_id"));
        columns.addAll(List.of(col(RUN_ID), col(TENANT), col(INGEST_DATE)));
        return explodeQuestions(landing)
                .select(col(ATTEMPT_KEY), col("question_index"), col("q"), col(RUN_ID), col(TENANT), col(INGEST_DATE),
                        posexplode_outer(col("q").getField("options")).as(new String[] {"option_index", "o"}))
                .filter(col("o").isNotNull())
                .select(columns.toArray(Column[]::new));
    }

    /**
     * Totals of a landing: attempts, questions and options it yields (to verify what was written).
     */
    public static Row landingTotals(Dataset<Row> landing) {
        Column questions = col(RECORD).getField("sequences").getField("questions");
        Column options = aggregate(coalesce(questions, org.apache.spark.sql.functions.array()), lit(0L),
                (acc, q) -> acc.plus(coalesce(size(q.getField("options")), lit(0))));
        return landing.agg(
                org.apache.spark.sql.functions.count(lit(1)).as("attempts"),
                coalesce(sum(coalesce(size(questions), lit(0))), lit(0L)).as("questions"),
                coalesce(sum(options), lit(0L)).as("options")).first();
    }

    private static Dataset<Row> explodeQuestions(Dataset<Row> landing) {
        return landing.select(col(ATTEMPT_KEY), col(RUN_ID), col(TENANT), col(INGEST_DATE),
                        posexplode_outer(col(RECORD).getField("sequences").getField("questions"))
                                .as(new String[] {"question_index", "q"}))
                .filter(col("q").isNotNull());
    }

    /** A record's scalar fields as typed columns under their wire names; {@code id} gets a clearer one. */
    private static List<Column> scalars(Column struct, Class<?> recordClass, String idName) {
        List<Column> columns = new ArrayList<>();
        for (ModelFields.Field f : ModelFields.of(recordClass)) {
            if (f.isRecord() || f.isList()) {
                continue;
            }
            String name = f.jsonName().equals("id") && idName != null ? idName : f.jsonName();
            columns.add(Typing.typed(struct.getField(f.jsonName()), f).as(name));
        }
        return columns;
    }

    private static List<Column> coordinates() {
        return List.of(col("topic").as("kafka_topic"), col("partition").as("kafka_partition"),
                col("offset").as("kafka_offset"), col("timestamp").as("kafka_timestamp"),
                col(RUN_ID), col(TENANT), col(INGEST_DATE));
    }

    /** The last value of a Kafka header, as a string; null when absent. */
    private static Column header(String name) {
        return try_element_at(filter(col("headers"), h -> h.getField("key").equalTo(name)), lit(-1))
                .getField("value").cast(DataTypes.StringType);
    }
}
