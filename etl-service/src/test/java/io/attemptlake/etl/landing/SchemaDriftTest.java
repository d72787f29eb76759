package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.model.AnswerOption;
import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.Counts;
import io.attemptlake.model.Question;
import io.attemptlake.model.Samples;
import io.attemptlake.model.Sequences;
import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.rules.WireFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Spark side can only drift from common-model if one of these fails. */
class SchemaDriftTest {

    @Test
    void theSparkSchemaHasEveryModelFieldWithItsWireType() {
        assertMirrors(AttemptSchema.wire(), AssessmentAttempt.class);
    }

    private static void assertMirrors(StructType struct, Class<?> record) {
        List<ModelFields.Field> fields = ModelFields.of(record);
        assertThat(struct.fieldNames()).as(record.getSimpleName())
                .containsExactlyElementsOf(fields.stream().map(ModelFields.Field::jsonName).toList());
        for (ModelFields.Field f : fields) {
            DataType type = struct.apply(f.jsonName()).dataType();
            if (f.isList()) {
                assertThat(type).isInstanceOf(ArrayType.class);
                type = ((ArrayType) type).elementType();
            }
            if (f.isRecord()) {
                assertMirrors((StructType) type, f.elementType());
            } else {
                Map<Class<?>, DataType> expected = Map.of(String.class, DataTypes.StringType,
                        Integer.class, DataTypes.IntegerType, Boolean.class, DataTypes.BooleanType);
                assertThat(type).as(f.jsonName()).isEqualTo(expected.get(f.elementType()));
            }
        }
    }

    @Test
    void theRealRecordSurvivesParsingWithNothingLost() {
        String real = Samples.realRecord();
        Row row = SparkTestSession.get().createDataset(List.of(real), Encoders.STRING()).toDF("value")
                .select(to_json(from_json(col("value"), AttemptSchema.wire())).as("json")).first();

        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(row.getString(0))).isEqualTo(json.readTree(real));
    }

    @Test
    void everyFlattenedColumnComesFromTheModelTypedAsItsWireFormatSays() {
        StructType attempts = Landing.attempts(Landing.parse(new KafkaRows().add("p", Samples.realRecord()).toDataset(), "r")
                .filter(col(Landing.REASON).isNull())).schema();
        StructType questions = Landing.questions(Landing.parse(new KafkaRows().add("p", Samples.realRecord()).toDataset(), "r")).schema();
        StructType options = Landing.options(Landing.parse(new KafkaRows().add("p", Samples.realRecord()).toDataset(), "r")).schema();

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
            }
        }
    }

    @Test
    void everyConstraintOfTheModelHasASparkRule() {
        long constraints = countConstraints(AssessmentAttempt.class);

        assertThat(RecordRules.rules()).hasSize((int) constraints);
    }

    private static long countConstraints(Class<?> record) {
        long n = 0;
        for (ModelFields.Field f : ModelFields.of(record)) {
            n += RecordRules.constraints(record, f).stream().filter(a -> !(a instanceof jakarta.validation.Valid)).count();
            if (f.isList()) {
                n += Arrays.stream(f.annotatedElementType().getAnnotations())
                        .filter(a -> a instanceof jakarta.validation.constraints.NotNull).count();
            }
            if (f.isRecord()) {
                n += countConstraints(f.elementType());
            }
        }
        return n;
    }

    private static WireFormat wireFormat(Class<?> record, ModelFields.Field f) {
        try {
            return record.getDeclaredField(f.component().getName()).getAnnotation(WireFormat.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
