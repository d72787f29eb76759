package io.attemptlake.etl.landing;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeWriter;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
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

/**
 * Writes a parsed message straight into Spark's row format, the way Spark's own generated
 * projections do. The row encoder would do it from an external Row, but its generated serializer
 * for this nested schema is one method larger than the JIT compiles (8,000 bytes of bytecode), so
 * it ran interpreted: two thirds of a run's parse (tools/bench/results, 2026-12).
 *
 * <p>Values: {@code String} or {@code UTF8String}, {@code byte[]}, {@code Integer}, {@code Long}, {@code Boolean},
 * {@code Double}, {@code Instant} or {@code Long} microseconds for a timestamp, {@code Integer} days for a date, {@code Object[]} for a struct, a
 * {@code List<Object[]>} for an array of structs, or an {@code UnsafeArrayData} copied as it is.
 * Each row is written into a buffer sized from a hint (so it rarely grows), then copied out to
 * its exact size: batches are held in memory as these rows.
 */
final class RowWriter {

    private final StructType schema;

    RowWriter(StructType schema) {
        this.schema = schema;
    }

    /** @param sizeHint about how many bytes the row's variable-length values take */
    UnsafeRow write(Object[] values, int sizeHint) {
        UnsafeRowWriter top = new UnsafeRowWriter(schema.size(), sizeHint);
        top.resetRowWriter();
        fields(top, schema, values);
        return top.getRow().copy();
    }

    private static void fields(UnsafeRowWriter w, StructType type, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                w.setNullAt(i);
            } else {
                value(w, i, type.fields()[i].dataType(), v);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(UnsafeWriter w, int i, DataType type, Object v) {
        if (type instanceof StringType) {
            w.write(i, v instanceof UTF8String u ? u : UTF8String.fromString((String) v));
        } else if (type instanceof BinaryType) {
            w.write(i, (byte[]) v);
        } else if (type instanceof IntegerType || type instanceof DateType) {
            w.write(i, (int) (Integer) v);
        } else if (type instanceof LongType) {
            w.write(i, (long) (Long) v);
        } else if (type instanceof BooleanType) {
            w.write(i, (boolean) (Boolean) v);
        } else if (type instanceof DoubleType) {
            w.write(i, (double) (Double) v);
        } else if (type instanceof TimestampType) {
            w.write(i, v instanceof Instant t ? micros(t) : (long) (Long) v);
        } else if (type instanceof StructType struct) {
            int previous = w.cursor();
            UnsafeRowWriter nested = new UnsafeRowWriter(w, struct.size());
            nested.resetRowWriter();
            fields(nested, struct, (Object[]) v);
            w.setOffsetAndSizeFromPreviousCursor(i, previous);
        } else if (type instanceof ArrayType array && v instanceof UnsafeArrayData unsafe) {
            int previous = w.cursor();
            w.write(unsafe);
            w.setOffsetAndSizeFromPreviousCursor(i, previous);
        } else if (type instanceof ArrayType array && array.elementType() instanceof StructType element) {
            List<Object[]> rows = (List<Object[]>) v;
            int previous = w.cursor();
            UnsafeArrayWriter elements = new UnsafeArrayWriter(w, 8);
            elements.initialize(rows.size());
            for (int e = 0; e < rows.size(); e++) {
                int start = elements.cursor();
                UnsafeRowWriter row = new UnsafeRowWriter(elements, element.size());
                row.resetRowWriter();
                fields(row, element, rows.get(e));
                elements.setOffsetAndSizeFromPreviousCursor(e, start);
            }
            w.setOffsetAndSizeFromPreviousCursor(i, previous);
        } else {
            throw new IllegalStateException("RowWriter cannot write " + type.simpleString() + ": extend it");
        }
    }

    /** As Spark stores a timestamp: microseconds since the epoch, the sub-microsecond part dropped. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
