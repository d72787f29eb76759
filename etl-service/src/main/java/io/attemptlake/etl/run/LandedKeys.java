package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.landing.Landing;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Component;

/**
 * The attempts landed before this commit, as (tenant, attempt_key): what a new message's attempt is
 * checked against. Only the key column of the attempts table is read, and only committed data is
 * there (recovery runs before planning).
 */
@Component
class LandedKeys {

    private static final StructType KEYS = new StructType()
            .add(Landing.TENANT, DataTypes.StringType).add(Landing.ATTEMPT_KEY, DataTypes.StringType);
    // As stored: the key in the files, tenant and date in the partition directories.
    private static final StructType KEYS_AS_STORED = new StructType()
            .add(Landing.ATTEMPT_KEY, DataTypes.StringType)
            .add(Landing.TENANT, DataTypes.StringType).add(Landing.INGEST_DATE, DataTypes.StringType);

    private final LakeLayout layout;
    private final LakeFiles files;

    LandedKeys(LakeLayout layout, LakeFiles files) {
        this.layout = layout;
        this.files = files;
    }

    /** Whether any attempt has landed. */
    boolean any() {
        return files.hasParquetFiles(layout.table(Table.ATTEMPTS));
    }

    Dataset<Row> of(SparkSession spark) {
        if (!any()) {
            return spark.createDataFrame(List.of(), KEYS);
        }
        return spark.read().schema(KEYS_AS_STORED).parquet(layout.table(Table.ATTEMPTS).toString())
                .select(Landing.TENANT, Landing.ATTEMPT_KEY);
    }
}
