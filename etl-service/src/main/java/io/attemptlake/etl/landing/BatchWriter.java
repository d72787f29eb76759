package io.attemptlake.etl.landing;

import io.attemptlake.etl.lake.StagedFile;
import io.attemptlake.etl.lake.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Writes a parsed batch's five tables in one pass over it: each task routes every message to its
 * tables' files (one per table, tenant and day the task meets), so each message is read once and
 * no table is a separate Spark job. The winners, chosen on the driver, say which messages land.
 *
 * <p>A task attempt names its files after itself; the job's result lists the files of the attempts
 * that succeeded, and only those are committed (a failed attempt's files stay in staging, which
 * goes with the commit).
 */
public final class BatchWriter implements FlatMapFunction<Iterator<InternalRow>, StagedFile> {

    /**
     * Columns of values unique per row or per attempt, random or the raw JSON: Parquet's dictionary
     * encoding hashes and compares every value until the dictionary outgrows its page, then starts
     * again plainly, and min/max statistics compare every value for bounds that skip nothing; for
     * these both only cost (a fifth of writing the tables). Snappy still compresses their repeats.
     * Timestamps keep their statistics: queries filter on them.
     */
    static final Map<Table, Set<String>> UNIQUE = Map.of(
            Table.RAW, Set.of("value", "key", Landing.ATTEMPT_KEY),
            Table.QUARANTINE, Set.of("value", "key"),
            Table.ATTEMPTS, Set.of(Landing.ATTEMPT_KEY, "keen_id", "user_exam_id", "sequence_id"),
            Table.QUESTIONS, Set.of(Landing.ATTEMPT_KEY, "question_id"),
            Table.OPTIONS, Set.of(Landing.ATTEMPT_KEY, "question_id", "option_id"));

    private static final UTF8String LANDED = UTF8String.fromString("landed");
    private static final UTF8String DUPLICATE = UTF8String.fromString("duplicate");
    private static final UTF8String QUARANTINED = UTF8String.fromString("quarantined");
    private static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    // Ordinals in MessageParser.SCHEMA.
    private static final int KEY = 0;
    private static final int VALUE = 1;
    private static final int TOPIC = 2;
    private static final int PARTITION = 3;
    private static final int OFFSET = 4;
    private static final int TIMESTAMP = 5;
    private static final int REASON = MessageParser.SCHEMA.fieldIndex(Landing.REASON);
    private static final int TENANT = MessageParser.SCHEMA.fieldIndex(Landing.TENANT);
    private static final int ATTEMPT_KEY = MessageParser.SCHEMA.fieldIndex(Landing.ATTEMPT_KEY);
    private static final int ATTEMPT = MessageParser.SCHEMA.fieldIndex(Landing.ATTEMPT);
    private static final int QUESTIONS = MessageParser.SCHEMA.fieldIndex(Landing.QUESTIONS);
    private static final int OPTIONS = MessageParser.SCHEMA.fieldIndex(Landing.OPTIONS);
    private static final int INGEST_DATE = MessageParser.SCHEMA.fieldIndex(Landing.INGEST_DATE);
    private static final int RUN_ID = MessageParser.SCHEMA.fieldIndex(Landing.RUN_ID);
    private static final int ERASED = MessageParser.SCHEMA.fieldIndex(Landing.ERASED);

    private final Broadcast<long[]> winners;
    private final Broadcast<SerializableConfiguration> conf;
    private final Map<Table, String> roots;

    private BatchWriter(Broadcast<long[]> winners, Broadcast<SerializableConfiguration> conf, Map<Table, String> roots) {
        this.winners = winners;
        this.conf = conf;
        this.roots = roots;
    }

    /**
     * Writes the tables of {@code held} (rows of {@link Landing#parsedSchema}) under each table's
     * staging root, in {@code tasks} tasks (0: one per partition of the batch).
     */
    public static List<StagedFile> write(SparkSession spark, RDD<InternalRow> held, Landing.Choice choice,
                                         Map<Table, Path> roots, int tasks) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long[] chosen = new long[choice.winners().size()];
        int i = 0;
        for (Row w : choice.winners()) {
            chosen[i++] = coordinates(w.getInt(0), w.getLong(1));
        }
        Arrays.sort(chosen);
        Broadcast<long[]> winners = sc.broadcast(chosen);
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        Map<Table, String> where = new EnumMap<>(Table.class);
        roots.forEach((t, p) -> where.put(t, p.toString()));
        try {
            var rows = tasks > 0 && tasks < held.getNumPartitions() ? held.toJavaRDD().coalesce(tasks) : held.toJavaRDD();
            return rows.mapPartitions(new BatchWriter(winners, conf, where)).collect();
        } finally {
            winners.destroy();
            conf.destroy();
        }
    }

    // A message's coordinates as one number: 20 bits of partition, 44 of offset (17 trillion).
    private static long coordinates(int partition, long offset) {
        return ((long) partition << 44) | offset;
    }

    @Override
    public Iterator<StagedFile> call(Iterator<InternalRow> messages) {
        Task task = new Task(conf.value().value());
        long[] chosen = winners.value();
        while (messages.hasNext()) {
            task.message(messages.next(), chosen);
        }
        return task.finish().iterator();
    }

    /** One task's open files, by table and partition directory. */
    private final class Task {
        private final Configuration conf;
        private final String name;
        private final Map<Table, Map<String, ParquetTableFile>> open = new EnumMap<>(Table.class);
        private final Map<Table, Copier[]> copiers = new EnumMap<>(Table.class);

        Task(Configuration conf) {
            this.conf = conf;
            TaskContext tc = TaskContext.get();
            this.name = String.format("part-%05d-%d-%d-%s.snappy.parquet", tc == null ? 0 : tc.partitionId(),
                    tc == null ? 0 : tc.stageAttemptNumber(), tc == null ? 0 : tc.attemptNumber(), UUID.randomUUID());
            for (Table t : Table.values()) {
                open.put(t, new HashMap<>());
            }
            copiers.put(Table.ATTEMPTS, copiers(MessageParser.ATTEMPT_COLUMNS));
            copiers.put(Table.QUESTIONS, copiers(MessageParser.QUESTION_COLUMNS));
            copiers.put(Table.OPTIONS, copiers(MessageParser.OPTION_COLUMNS));
        }

        void message(InternalRow m, long[] chosen) {
            if (m.getBoolean(ERASED)) {
                return;
            }
            String partition = partition(m);
            UTF8String tenant = m.isNullAt(TENANT) ? null : m.getUTF8String(TENANT);
            boolean quarantined = !m.isNullAt(REASON);
            boolean landed = !quarantined && Arrays.binarySearch(chosen, coordinates(m.getInt(PARTITION), m.getLong(OFFSET))) >= 0;

            ParquetTableFile raw = file(Table.RAW, partition, tenant);
            int c = asSent(raw, m);
            raw.string(c++, m.isNullAt(ATTEMPT_KEY) ? null : m.getUTF8String(ATTEMPT_KEY));
            raw.string(c++, quarantined ? QUARANTINED : landed ? LANDED : DUPLICATE);
            raw.string(c, m.getUTF8String(RUN_ID));
            raw.endRow();
            if (quarantined) {
                ParquetTableFile q = file(Table.QUARANTINE, partition, tenant);
                int qc = asSent(q, m);
                q.string(qc++, m.getUTF8String(REASON));
                q.string(qc, m.getUTF8String(RUN_ID));
                q.endRow();
            }
            if (landed) {
                land(m, partition, tenant);
            }
        }

        private void land(InternalRow m, String partition, UTF8String tenant) {
            UTF8String key = m.getUTF8String(ATTEMPT_KEY);
            UTF8String run = m.getUTF8String(RUN_ID);
            ParquetTableFile a = file(Table.ATTEMPTS, partition, tenant);
            a.string(0, key);
            Copier[] own = copiers.get(Table.ATTEMPTS);
            InternalRow attempt = m.getStruct(ATTEMPT, own.length);
            for (int i = 0; i < own.length; i++) {
                own[i].copy(attempt, i, a, i + 1);
            }
            int c = own.length + 1;
            a.string(c++, m.getUTF8String(TOPIC));
            a.int32(c++, m.getInt(PARTITION));
            a.int64(c++, m.getLong(OFFSET));
            if (m.isNullAt(TIMESTAMP)) {
                a.none(c++);
            } else {
                a.int64(c++, m.getLong(TIMESTAMP));
            }
            a.string(c, run);
            a.endRow();
            rows(Table.QUESTIONS, m.getArray(QUESTIONS), key, run, partition, tenant);
            rows(Table.OPTIONS, m.getArray(OPTIONS), key, run, partition, tenant);
        }

        // Every question (or option) of the attempt: attempt key, its own columns, the run.
        private void rows(Table table, ArrayData elements, UTF8String key, UTF8String run, String partition,
                          UTF8String tenant) {
            Copier[] own = copiers.get(table);
            if (elements.numElements() == 0) {
                return;
            }
            ParquetTableFile f = file(table, partition, tenant);
            for (int e = 0; e < elements.numElements(); e++) {
                InternalRow row = elements.getStruct(e, own.length);
                f.string(0, key);
                for (int i = 0; i < own.length; i++) {
                    own[i].copy(row, i, f, i + 1);
                }
                f.string(own.length + 1, run);
                f.endRow();
            }
        }

        // The columns raw and quarantine share, in LakeTables.AS_SENT's order; returns the next column.
        private int asSent(ParquetTableFile f, InternalRow m) {
            f.string(0, m.isNullAt(VALUE) ? null : m.getUTF8String(VALUE));
            f.string(1, m.isNullAt(KEY) ? null : m.getUTF8String(KEY));
            f.string(2, m.getUTF8String(TOPIC));
            f.int32(3, m.getInt(PARTITION));
            f.int64(4, m.getLong(OFFSET));
            if (m.isNullAt(TIMESTAMP)) {
                f.none(5);
            } else {
                f.int64(5, m.getLong(TIMESTAMP));
            }
            f.headers(6, m.isNullAt(6) ? null : m.getArray(6));
            f.string(7, m.isNullAt(7) ? null : m.getUTF8String(7));
            return 8;
        }

        private ParquetTableFile file(Table table, String partition, UTF8String tenant) {
            return open.get(table).computeIfAbsent(partition, p -> new ParquetTableFile(conf,
                    new Path(new Path(roots.get(table), p), name), LakeTables.dataColumns(table), UNIQUE.get(table),
                    Landing.TENANT, tenant));
        }

        List<StagedFile> finish() {
            List<StagedFile> staged = new ArrayList<>();
            for (Map.Entry<Table, Map<String, ParquetTableFile>> t : open.entrySet()) {
                for (Map.Entry<String, ParquetTableFile> f : t.getValue().entrySet()) {
                    try (ParquetTableFile file = f.getValue()) {
                        ParquetTableFile.Written w = file.finish();
                        staged.add(new StagedFile(t.getKey(), w.path().toString(), f.getKey(), w.rows(), w.bytes()));
                    }
                }
            }
            return staged;
        }
    }

    /** tenant=T/ingest_date=D, as Spark and Hive name partition directories (null: the default partition). */
    private static String partition(InternalRow m) {
        String tenant = m.isNullAt(TENANT) ? DEFAULT_PARTITION : m.getUTF8String(TENANT).toString();
        String day = m.isNullAt(INGEST_DATE) ? DEFAULT_PARTITION : LocalDate.ofEpochDay(m.getInt(INGEST_DATE)).toString();
        return Landing.TENANT + "=" + tenant + "/" + Landing.INGEST_DATE + "=" + day;
    }

    /** Copies one column of a parsed row into a file's column, by the column's type (chosen once). */
    @FunctionalInterface
    private interface Copier {
        void copy(InternalRow from, int ordinal, ParquetTableFile to, int column);
    }

    private static Copier[] copiers(StructType columns) {
        Copier[] copiers = new Copier[columns.size()];
        for (int i = 0; i < copiers.length; i++) {
            copiers[i] = copier(columns.fields()[i].dataType());
        }
        return copiers;
    }

    private static Copier copier(DataType type) {
        Copier present;
        if (type instanceof StringType) {
            present = (r, i, f, c) -> f.string(c, r.getUTF8String(i));
        } else if (type instanceof IntegerType || type instanceof DateType) {
            present = (r, i, f, c) -> f.int32(c, r.getInt(i));
        } else if (type instanceof LongType || type instanceof TimestampType) {
            present = (r, i, f, c) -> f.int64(c, r.getLong(i));
        } else if (type instanceof BooleanType) {
            present = (r, i, f, c) -> f.bool(c, r.getBoolean(i));
        } else if (type instanceof DoubleType) {
            present = (r, i, f, c) -> f.float64(c, r.getDouble(i));
        } else if (type instanceof ArrayType) {
            present = (r, i, f, c) -> f.headers(c, r.getArray(i));
        } else {
            throw new IllegalStateException("BatchWriter cannot copy " + type.simpleString() + ": extend it");
        }
        return (r, i, f, c) -> {
            if (r.isNullAt(i)) {
                f.none(c);
            } else {
                present.copy(r, i, f, c);
            }
        };
    }
}
