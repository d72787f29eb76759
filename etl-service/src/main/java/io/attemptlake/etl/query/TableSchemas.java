package io.attemptlake.etl.query;

import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.landing.LakeTables;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** The tables' schemas as the landing writes them, so readers need no schema inference and cannot disagree with the writer. */
final class TableSchemas {

    private TableSchemas() {
    }

    static Map<Table, StructType> of() {
        Map<Table, StructType> schemas = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            schemas.put(t, LakeTables.schema(t));
        }
        return schemas;
    }
}
