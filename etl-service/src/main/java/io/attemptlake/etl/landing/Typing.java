package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.timestamp_seconds;

import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.rules.WireFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** From the wire's strings to typed columns, as each field's {@link WireFormat} says. */
final class Typing {

    private Typing() {
    }

    static Column typed(Column wire, ModelFields.Field field) {
        WireFormat format;
        try {
            format = field.component().getDeclaringRecord().getDeclaredField(field.component().getName())
                    .getAnnotation(WireFormat.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        if (format == null) {
            return wire;
        }
        return switch (format.value()) {
            case ISO_INSTANT -> wire.try_cast(DataTypes.TimestampType);
            // Exact to the microsecond: through decimal, not double.
            case EPOCH_SECONDS -> timestamp_seconds(wire.try_cast(DataTypes.createDecimalType(21, 9)));
            case DECIMAL -> wire.try_cast(DataTypes.DoubleType);
            case BOOLEAN -> wire.equalTo("true");
        };
    }
}
