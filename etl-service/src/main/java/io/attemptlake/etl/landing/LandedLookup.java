package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** What the lake already holds, asked only for a batch's own attempts: the dedupe port. */
@FunctionalInterface
public interface LandedLookup {

    /** Of {@code keys} (each a (tenant, attempt key) pair), those landed before. */
    Set<List<String>> landed(Collection<List<String>> keys);

    /**
     * By a scan of {@code landedKeys} (tenant, attempt_key): only the keys' tenants' partitions are
     * read (tenant is a partition column), joined with the keys, the small side, broadcast. Its cost
     * grows with the tenants' history.
     */
    static LandedLookup scanning(Dataset<Row> landedKeys) {
        return keys -> {
            Set<List<String>> landed = new HashSet<>();
            if (keys.isEmpty()) {
                return landed;
            }
            SparkSession spark = landedKeys.sparkSession();
            Dataset<Row> batch = spark.createDataFrame(keys.stream().map(k -> RowFactory.create(k.get(0), k.get(1))).toList(),
                    Landing.KEYS);
            Object[] tenants = keys.stream().map(k -> k.get(0)).distinct().toArray();
            for (Row row : landedKeys.select(Landing.TENANT, Landing.ATTEMPT_KEY).where(col(Landing.TENANT).isin(tenants))
                    .join(broadcast(batch), new String[] {Landing.TENANT, Landing.ATTEMPT_KEY}, "left_semi").collectAsList()) {
                landed.add(List.of(row.getString(0), row.getString(1)));
            }
            return landed;
        };
    }
}
