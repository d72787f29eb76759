package io.attemptlake.etl.landing;

import io.attemptlake.model.AnswerOption;
import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.model.Counts;
import io.attemptlake.model.Question;
import io.attemptlake.model.Sequences;
import io.attemptlake.model.json.AttemptReader;
import io.attemptlake.model.rules.Violation;
import io.attemptlake.model.tenant.TenantId;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.model.topic.AssessmentsTopic.MessageField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One Kafka message in, one row out, inside a Spark task: the message's coordinates as Kafka gave
 * them, its tenant (from the header), and what common-model's own reader and rules make of the value
 * — the quarantine reason, or the attempt's key and its rows for every flattened table. This is the
 * only parse of a run: the tables are projections of its output.
 *
 * <p>Reasons keep the lake's established wording: the kind of problem for JSON that cannot be bound
 * ({@code malformed JSON ...}, {@code a field has the wrong JSON type ...}), and for broken rules
 * {@code pointer: message; ...} with array positions as {@code *}, each rule once, sorted.
 */
public final class MessageParser implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    static final FlatColumns ATTEMPT = FlatColumns.of(AssessmentAttempt.class, null);
    static final FlatColumns SEQUENCE = FlatColumns.of(Sequences.class, "sequence_id");
    static final FlatColumns COUNTS = FlatColumns.of(Counts.class, null);
    static final FlatColumns QUESTION = FlatColumns.of(Question.class, "question_id");
    static final FlatColumns OPTION = FlatColumns.of(AnswerOption.class, "option_id");

    /** attempts' own columns: the record's, its sequence's and counts' scalars, then two derived. */
    static final StructType ATTEMPT_COLUMNS = struct(List.of(ATTEMPT.fields(), SEQUENCE.fields(), COUNTS.fields(),
            List.of(DataTypes.createStructField("score", DataTypes.DoubleType, true),
                    DataTypes.createStructField("question_count", DataTypes.IntegerType, true))));

    static final StructType QUESTION_COLUMNS = struct(List.of(
            List.of(DataTypes.createStructField("question_index", DataTypes.IntegerType, true)),
            QUESTION.fields(),
            List.of(DataTypes.createStructField("option_count", DataTypes.IntegerType, true),
                    DataTypes.createStructField("options_checked", DataTypes.IntegerType, true),
                    DataTypes.createStructField("options_correct", DataTypes.IntegerType, true))));

    static final StructType OPTION_COLUMNS = struct(List.of(
            List.of(DataTypes.createStructField("question_index", DataTypes.IntegerType, true),
                    DataTypes.createStructField("question_id", DataTypes.StringType, true),
                    DataTypes.createStructField("option_index", DataTypes.IntegerType, true)),
            OPTION.fields()));

    private static final StructType HEADER = new StructType()
            .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType);

    /**
     * A parsed message. Key, value and request id keep their bytes exactly, as strings (Spark's
     * strings are bytes: a cast from binary changes nothing, even in bytes that are not UTF-8).
     */
    public static final StructType SCHEMA = new StructType()
            .add(MessageField.KEY.column(), DataTypes.StringType)
            .add(MessageField.VALUE.column(), DataTypes.StringType)
            .add(MessageField.TOPIC.column(), DataTypes.StringType)
            .add(MessageField.PARTITION.column(), DataTypes.IntegerType)
            .add(MessageField.OFFSET.column(), DataTypes.LongType)
            .add(MessageField.TIMESTAMP.column(), DataTypes.TimestampType)
            .add(MessageField.HEADERS.column(), DataTypes.createArrayType(HEADER, true))
            .add("request_id", DataTypes.StringType)
            .add(Landing.TENANT, DataTypes.StringType)
            .add(Landing.REASON, DataTypes.StringType)
            .add(Landing.ATTEMPT_KEY, DataTypes.StringType)
            .add(Landing.ATTEMPT, ATTEMPT_COLUMNS)
            .add(Landing.QUESTIONS, DataTypes.createArrayType(QUESTION_COLUMNS, false))
            .add(Landing.OPTIONS, DataTypes.createArrayType(OPTION_COLUMNS, false))
            .add(Landing.INGEST_DATE, DataTypes.DateType)
            .add(Landing.RUN_ID, DataTypes.StringType)
            .add(Landing.ERASED, DataTypes.BooleanType);

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private static final UTF8String TENANT_HEADER = UTF8String.fromString(AssessmentsTopic.TENANT_HEADER);
    private static final UTF8String REQUEST_HEADER = UTF8String.fromString(AssessmentsTopic.REQUEST_ID_HEADER);

    /** Where each of the message's fields is in the source's rows, in {@link MessageField}'s order. */
    private final int[] at;
    private final String runId;
    private final Erased erased;

    MessageParser(StructType source, String runId, Erased erased) {
        this.runId = runId;
        this.erased = erased;
        this.at = Arrays.stream(MessageField.values()).mapToInt(f -> source.fieldIndex(f.column())).toArray();
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> kafka) {
        RowWriter writer = new RowWriter(SCHEMA);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return kafka.hasNext();
            }

            @Override
            public InternalRow next() {
                InternalRow message = kafka.next();
                UTF8String value = bytes(message, at[1]);
                return writer.write(parse(message, value), (value == null ? 0 : value.numBytes() * 2) + 2048);
            }
        };
    }

    private Object[] parse(InternalRow m, UTF8String value) {
        ArrayData headers = m.isNullAt(at[6]) ? null : m.getArray(at[6]);
        byte[] tenantHeader = lastHeader(headers, TENANT_HEADER);
        String tenant = tenantHeader == null ? null : new String(tenantHeader, StandardCharsets.UTF_8);
        if (!TenantId.isValid(tenant)) {
            tenant = null;
        }
        String reason = tenantHeader == null ? "no tenant header"
                : tenant == null ? "the tenant header is not a valid tenant id"
                : isBlank(value) ? "empty message"
                : null;
        AssessmentAttempt attempt = null;
        boolean gone = false;
        if (reason == null) {
            byte[] array = value.getBaseObject() instanceof byte[] a ? a : value.getBytes();
            int offset = value.getBaseObject() instanceof byte[] ? (int) (value.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET) : 0;
            AttemptReader.Result read = AttemptReader.read(array, offset, value.numBytes());
            if (read instanceof AttemptReader.Accepted accepted) {
                attempt = accepted.attempt();
            } else {
                reason = reason((AttemptReader.Rejected) read);
            }
            gone = erased.holds(tenant, attempt, array, offset, value.numBytes());
        }
        if (gone) {
            // An erased learner's: none of it is kept, not even the reason it would have been refused.
            return new Object[] {bytes(m, at[0]), null, m.getUTF8String(at[2]), m.getInt(at[3]), m.getLong(at[4]),
                m.isNullAt(at[5]) ? null : m.getLong(at[5]), null, null, tenant, null, null, null, null, null, null,
                runId, true};
        }
        Long timestamp = m.isNullAt(at[5]) ? null : m.getLong(at[5]);
        Object[] row = {bytes(m, at[0]), value, m.getUTF8String(at[2]),
            m.getInt(at[3]), m.getLong(at[4]), timestamp, headers(headers),
            asString(lastHeader(headers, REQUEST_HEADER)), tenant, reason,
            attempt == null ? null : AttemptIdentity.of(attempt), null, null, null,
            // The UTC day of the Kafka timestamp (to_date in a UTC session, as the lake always had it).
            timestamp == null ? null : (int) Math.floorDiv(timestamp, MICROS_PER_DAY), runId, false};
        if (attempt != null) {
            flatten(attempt, row);
        }
        return row;
    }

    /**
     * A binary column's bytes, not copied: an UnsafeRow keeps binary and string values alike (offset
     * and length into its buffer), so its string view of them is the bytes where they lie.
     */
    private static UTF8String bytes(InternalRow row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        return row instanceof UnsafeRow ? row.getUTF8String(i) : UTF8String.fromBytes(row.getBinary(i));
    }

    private static UTF8String asString(byte[] bytes) {
        return bytes == null ? null : UTF8String.fromBytes(bytes);
    }

    /** The headers as they came: copied as they are when Spark holds them in its own format. */
    private static Object headers(ArrayData headers) {
        if (headers == null || headers instanceof UnsafeArrayData) {
            return headers;
        }
        List<Object[]> rows = new ArrayList<>(headers.numElements());
        for (int i = 0; i < headers.numElements(); i++) {
            InternalRow h = headers.getStruct(i, 2);
            rows.add(new Object[] {h.isNullAt(0) ? null : h.getUTF8String(0), h.isNullAt(1) ? null : h.getBinary(1)});
        }
        return rows;
    }

    private static void flatten(AssessmentAttempt a, Object[] row) {
        Sequences sequences = a.sequences();
        Counts counts = sequences == null ? null : sequences.counts();
        List<Question> questions = sequences == null || sequences.questions() == null ? List.of() : sequences.questions();
        Object[] attempt = new Object[ATTEMPT_COLUMNS.size()];
        ATTEMPT.values(a, attempt, 0);
        SEQUENCE.values(sequences, attempt, ATTEMPT.size());
        COUNTS.values(counts, attempt, ATTEMPT.size() + SEQUENCE.size());
        int next = ATTEMPT.size() + SEQUENCE.size() + COUNTS.size();
        attempt[next] = score(counts);
        attempt[next + 1] = questions.size();

        List<Object[]> questionRows = new ArrayList<>(questions.size());
        List<Object[]> optionRows = new ArrayList<>();
        for (int q = 0; q < questions.size(); q++) {
            Question question = questions.get(q);
            List<AnswerOption> options = question.options() == null ? List.of() : question.options();
            Object[] qr = new Object[QUESTION_COLUMNS.size()];
            qr[0] = q;
            QUESTION.values(question, qr, 1);
            qr[1 + QUESTION.size()] = options.size();
            qr[2 + QUESTION.size()] = (int) options.stream().filter(o -> Boolean.TRUE.equals(o.checked())).count();
            qr[3 + QUESTION.size()] = (int) options.stream().filter(o -> Boolean.TRUE.equals(o.correct())).count();
            questionRows.add(qr);
            for (int o = 0; o < options.size(); o++) {
                Object[] or = new Object[OPTION_COLUMNS.size()];
                or[0] = q;
                or[1] = question.id();
                or[2] = o;
                OPTION.values(options.get(o), or, 3);
                optionRows.add(or);
            }
        }
        row[11] = attempt;
        row[12] = questionRows;
        row[13] = optionRows;
    }

    private static Double score(Counts counts) {
        if (counts == null || counts.total() == null || counts.total() <= 0 || counts.correct() == null) {
            return null;
        }
        return counts.correct().doubleValue() / counts.total();
    }

    /** The lake's wording for what is wrong with a record the reader refused. */
    static String reason(AttemptReader.Rejected rejected) {
        return switch (rejected.problem()) {
            case NOT_UTF8 -> "not valid UTF-8";
            case MALFORMED -> "malformed JSON or not a JSON object";
            case WRONG_TYPE -> "a field has the wrong JSON type for the record schema";
            case DUPLICATE_KEY, RULES -> rejected.violations().stream()
                    .map(v -> new Violation(wildcard(v.pointer()), v.reason()))
                    .distinct()
                    .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason))
                    .map(v -> v.pointer() + ": " + v.reason())
                    .collect(Collectors.joining("; "));
        };
    }

    // A rule is named once, however many elements break it: /sequences/questions/*/options/*/at.
    private static String wildcard(String pointer) {
        return pointer.replaceAll("/\\d+(?=/|$)", "/*");
    }

    private static byte[] lastHeader(ArrayData headers, UTF8String name) {
        byte[] found = null;
        for (int i = 0; headers != null && i < headers.numElements(); i++) {
            InternalRow h = headers.getStruct(i, 2);
            if (!h.isNullAt(0) && name.equals(h.getUTF8String(0))) {
                found = h.isNullAt(1) ? null : h.getBinary(1);
            }
        }
        return found;
    }

    // What Spark's JSON reader took for no record at all: nothing but JSON whitespace.
    private static boolean isBlank(UTF8String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.numBytes(); i++) {
            byte b = value.getByte(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static StructType struct(List<List<StructField>> parts) {
        return DataTypes.createStructType(parts.stream().flatMap(List::stream).toList());
    }
}
