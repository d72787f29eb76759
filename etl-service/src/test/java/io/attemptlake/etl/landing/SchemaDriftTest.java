package io.attemptlake.etl.landing;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.model.AnswerOption;
import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.Counts;
import io.attemptlake.model.Question;
import io.attemptlake.model.Samples;
import io.attemptlake.model.Sequences;
import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.rules.WireFormat;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The lake's columns can only drift from common-model if this fails. */
class SchemaDriftTest {

    private static final Map<Class<?>, DataType> JAVA = Map.of(String.class, DataTypes.StringType,
            Integer.class, DataTypes.IntegerType, Boolean.class, DataTypes.BooleanType);

    @Test
    void everyScalarFieldOfTheModelIsAColumnTypedAsItsWireFormatSays() {
        Landed landed = Landed.land(new KafkaRows().add("p", Samples.realRecord()));
        StructType attempts = landed.table(Table.ATTEMPTS).schema();
        StructType questions = landed.table(Table.QUESTIONS).schema();
        StructType options = landed.table(Table.OPTIONS).schema();
        // As written in the files (not only as declared): read with inference, Spark sees the same types.
        assertThat(SparkTestSession.get().read().parquet(landed.files.stream()
                .filter(f -> f.table() == Table.ATTEMPTS).findFirst().orElseThrow().path()).schema())
                .isEqualTo(LakeTables.dataColumns(Table.ATTEMPTS));

        assertColumns(attempts, AssessmentAttempt.class, null);
        assertColumns(attempts, Sequences.class, "sequence_id");
        assertColumns(attempts, Counts.class, null);
        assertColumns(questions, Question.class, "question_id");
        assertColumns(options, AnswerOption.class, "option_id");
        assertThat(attempts.apply("started_at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(attempts.apply("keen_timestamp").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(attempts.apply("max_attempts").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(attempts.apply("certification").dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(options.apply("at").dataType()).isEqualTo(DataTypes.TimestampType);
    }

    private static void assertColumns(StructType table, Class<?> record, String idName) {
        for (ModelFields.Field f : ModelFields.of(record)) {
            if (f.isRecord() || f.isList()) {
                continue;
            }
            String column = f.jsonName().equals("id") && idName != null ? idName : f.jsonName();
            StructField field = table.apply(column);
            WireFormat format = wireFormat(record, f);
            if (format != null) {
                assertThat(field.dataType().sql()).as(column).isEqualTo(format.value().sqlType());
            } else {
                assertThat(field.dataType()).as(column).isEqualTo(JAVA.get(f.type()));
            }
        }
    }

    private static WireFormat wireFormat(Class<?> record, ModelFields.Field f) {
        try {
            return record.getDeclaredField(f.component().getName()).getAnnotation(WireFormat.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
