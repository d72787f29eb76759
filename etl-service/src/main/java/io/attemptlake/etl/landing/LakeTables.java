package io.attemptlake.etl.landing;

import io.attemptlake.etl.lake.Table;
import io.attemptlake.model.topic.AssessmentsTopic.MessageField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The lake's five tables, column by column: what each data file holds ({@link #dataColumns}), and
 * what a reader sees with the partition directory ({@link #schema}: tenant and ingest_date last).
 * The flattened tables' own columns are the parser's, which derive from common-model.
 */
public final class LakeTables {

    /** Columns of raw and quarantine taken from the message as Kafka had it, in their order. */
    static final List<String> AS_SENT = List.of(MessageField.VALUE.column(), MessageField.KEY.column(),
            MessageField.TOPIC.column(), MessageField.PARTITION.column(), MessageField.OFFSET.column(),
            MessageField.TIMESTAMP.column(), MessageField.HEADERS.column(), "request_id");

    private static final Map<Table, StructType> DATA = new EnumMap<>(Table.class);

    static {
        StructType message = MessageParser.SCHEMA;
        List<StructField> raw = new ArrayList<>(AS_SENT.stream().map(message::apply).toList());
        raw.add(message.apply(Landing.ATTEMPT_KEY));
        raw.add(DataTypes.createStructField("outcome", DataTypes.StringType, true));
        raw.add(message.apply(Landing.RUN_ID));
        DATA.put(Table.RAW, DataTypes.createStructType(raw));

        List<StructField> quarantine = new ArrayList<>(AS_SENT.stream().map(message::apply).toList());
        quarantine.add(message.apply(Landing.REASON));
        quarantine.add(message.apply(Landing.RUN_ID));
        DATA.put(Table.QUARANTINE, DataTypes.createStructType(quarantine));

        List<StructField> attempts = new ArrayList<>(List.of(message.apply(Landing.ATTEMPT_KEY)));
        attempts.addAll(Arrays.asList(MessageParser.ATTEMPT_COLUMNS.fields()));
        attempts.add(DataTypes.createStructField("kafka_topic", DataTypes.StringType, true));
        attempts.add(DataTypes.createStructField("kafka_partition", DataTypes.IntegerType, true));
        attempts.add(DataTypes.createStructField("kafka_offset", DataTypes.LongType, true));
        attempts.add(DataTypes.createStructField("kafka_timestamp", DataTypes.TimestampType, true));
        attempts.add(message.apply(Landing.RUN_ID));
        DATA.put(Table.ATTEMPTS, DataTypes.createStructType(attempts));

        DATA.put(Table.QUESTIONS, flat(MessageParser.QUESTION_COLUMNS));
        DATA.put(Table.OPTIONS, flat(MessageParser.OPTION_COLUMNS));
        // Each tenant's share of a table is a Delta table of its own, partitioned by day alone: the
        // tenant is a column of its files, so a reader of one tenant's table sees every column.
        DATA.replaceAll((t, columns) -> columns.add(Landing.TENANT, DataTypes.StringType, true));
    }

    private LakeTables() {
    }

    /** The columns a table's data files hold, tenant last (its partition column, ingest_date, is in the directory name). */
    public static StructType dataColumns(Table table) {
        return DATA.get(table);
    }

    /** The table as its readers see it: the data columns (tenant last), then ingest_date. Its Delta schema. */
    public static StructType schema(Table table) {
        return DATA.get(table).add(Landing.INGEST_DATE, DataTypes.DateType, true);
    }

    // A question's or an option's own columns, between the attempt key and the run.
    private static StructType flat(StructType own) {
        List<StructField> fields = new ArrayList<>(List.of(MessageParser.SCHEMA.apply(Landing.ATTEMPT_KEY)));
        fields.addAll(Arrays.asList(own.fields()));
        fields.add(MessageParser.SCHEMA.apply(Landing.RUN_ID));
        return DataTypes.createStructType(fields);
    }
}
