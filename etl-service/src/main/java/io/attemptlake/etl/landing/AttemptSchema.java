package io.attemptlake.etl.landing;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.ModelFields;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of a record as it travels on the wire, derived from common-model's records:
 * field names from {@code @JsonProperty}, types from the Java types, everything nullable. It is
 * never written by hand, so it cannot drift from the model.
 */
public final class AttemptSchema {

    /** Filled by Spark's JSON reader with the whole message when it does not fit the schema. */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    private static final Map<Class<?>, DataType> SCALARS = Map.of(
            String.class, DataTypes.StringType,
            Integer.class, DataTypes.IntegerType,
            Long.class, DataTypes.LongType,
            Boolean.class, DataTypes.BooleanType,
            Double.class, DataTypes.DoubleType);

    private static final StructType WIRE = struct(AssessmentAttempt.class);

    private AttemptSchema() {
    }

    /** The record's schema. */
    public static StructType wire() {
        return WIRE;
    }

    /** The record's schema plus {@link #CORRUPT_RECORD}, for parsing with from_json. */
    public static StructType forParsing() {
        return WIRE.add(CORRUPT_RECORD, DataTypes.StringType, true);
    }

    static StructType struct(Class<?> recordClass) {
        List<StructField> fields = ModelFields.of(recordClass).stream()
                .map(f -> DataTypes.createStructField(f.jsonName(), type(f), true))
                .toList();
        return DataTypes.createStructType(fields);
    }

    private static DataType type(ModelFields.Field field) {
        DataType element = field.isRecord() ? struct(field.elementType()) : scalar(field.elementType(), field);
        return field.isList() ? DataTypes.createArrayType(element, true) : element;
    }

    private static DataType scalar(Class<?> type, ModelFields.Field field) {
        DataType scalar = SCALARS.get(type);
        if (scalar == null) {
            throw new IllegalStateException("No Spark type for " + type.getName() + " of field " + field.jsonName()
                    + ": extend AttemptSchema when the model gains a new kind of field");
        }
        return scalar;
    }
}
