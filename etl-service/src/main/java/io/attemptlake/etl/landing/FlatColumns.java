package io.attemptlake.etl.landing;

import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.rules.WireFormat;
import io.attemptlake.model.rules.WireType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A record's scalar fields as lake columns, derived from common-model: the name from
 * {@code @JsonProperty} ({@code id} renamed for clarity), the type from the Java type or the
 * field's {@link WireFormat}, and the value read from the record and typed by the same
 * {@link WireType} that judged it. No column is declared by hand, so none can drift from the model.
 * Built once per JVM (driver and each executor), never shipped.
 */
final class FlatColumns {

    private static final Map<Class<?>, DataType> JAVA_TYPES = Map.of(
            String.class, DataTypes.StringType,
            Integer.class, DataTypes.IntegerType,
            Long.class, DataTypes.LongType,
            Boolean.class, DataTypes.BooleanType,
            Double.class, DataTypes.DoubleType);

    private static final Map<String, DataType> WIRE_TYPES = Map.of(
            "TIMESTAMP", DataTypes.TimestampType,
            "DOUBLE", DataTypes.DoubleType,
            "BOOLEAN", DataTypes.BooleanType);

    /** One column: its lake name and type, how to read it, and how the wire value becomes it. */
    private record Column(String name, DataType type, MethodHandle accessor, WireType wire) {
    }

    private final List<Column> columns;

    private FlatColumns(List<Column> columns) {
        this.columns = columns;
    }

    /** The scalar fields of {@code recordClass}, in declaration order; {@code id} is named {@code idName}. */
    static FlatColumns of(Class<?> recordClass, String idName) {
        List<Column> columns = new ArrayList<>();
        for (ModelFields.Field f : ModelFields.of(recordClass)) {
            if (f.isRecord() || f.isList()) {
                continue;
            }
            String name = f.jsonName().equals("id") && idName != null ? idName : f.jsonName();
            WireFormat format = wireFormat(recordClass, f);
            DataType type = format != null ? WIRE_TYPES.get(format.value().sqlType()) : JAVA_TYPES.get(f.type());
            if (type == null) {
                throw new IllegalStateException("No lake type for " + f.type().getName() + " of field " + f.jsonName()
                        + ": extend FlatColumns when the model gains a new kind of field");
            }
            columns.add(new Column(name, type, accessor(f), format == null ? null : format.value()));
        }
        return new FlatColumns(List.copyOf(columns));
    }

    List<StructField> fields() {
        return columns.stream().map(c -> DataTypes.createStructField(c.name(), c.type(), true)).toList();
    }

    int size() {
        return columns.size();
    }

    /** Writes the typed values of {@code record} (null: all null) into {@code out} from {@code at}. */
    void values(Object record, Object[] out, int at) {
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            Object value;
            try {
                value = record == null ? null : (Object) column.accessor().invokeExact(record);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read " + column.name(), e);
            }
            out[at + i] = value == null || column.wire() == null ? value : column.wire().parse((String) value);
        }
    }

    private static MethodHandle accessor(ModelFields.Field f) {
        try {
            return MethodHandles.publicLookup().unreflect(f.component().getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WireFormat wireFormat(Class<?> recordClass, ModelFields.Field f) {
        try {
            return recordClass.getDeclaredField(f.component().getName()).getAnnotation(WireFormat.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
