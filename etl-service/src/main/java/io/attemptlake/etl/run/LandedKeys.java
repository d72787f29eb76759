package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TenantTable;
import io.attemptlake.etl.landing.Landing;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Component;

/**
 * The attempts landed before this commit, as (tenant, attempt_key): what a new message's attempt is
 * checked against. Only the key column of every tenant's attempts table is read, at the versions
 * readers see (recovery runs before planning, so that is everything committed).
 */
@Component
class LandedKeys {

    // As stored: the key in the files, tenant and date in the partition directories.
    private static final StructType KEYS_AS_STORED = new StructType()
            .add(Landing.ATTEMPT_KEY, DataTypes.StringType)
            .add(Landing.TENANT, DataTypes.StringType).add(Landing.INGEST_DATE, DataTypes.StringType);

    private final CommitProtocol commits;
    private final DeltaTables delta;

    LandedKeys(CommitProtocol commits, DeltaTables delta) {
        this.commits = commits;
        this.delta = delta;
    }

    /** Whether any attempt has landed. */
    boolean any() {
        return attempts().entrySet().stream().anyMatch(t -> !delta.files(t.getKey(), t.getValue()).isEmpty());
    }

    Dataset<Row> of(SparkSession spark) {
        return delta.read(spark, Table.ATTEMPTS, attempts(), KEYS_AS_STORED).select(Landing.TENANT, Landing.ATTEMPT_KEY);
    }

    private Map<TenantTable, Long> attempts() {
        return commits.visible().of(Table.ATTEMPTS, null);
    }
}
