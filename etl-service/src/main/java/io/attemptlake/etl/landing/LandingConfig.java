package io.attemptlake.etl.landing;

import io.attemptlake.etl.lake.DeltaMaintenance;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.LegacyLake;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LandingConfig {

    /** The lake's Delta tables, created with the columns the landing writes. */
    @Bean
    DeltaTables deltaTables(LakeFiles files, LakeLayout layout) {
        return new DeltaTables(files.conf(), layout, LakeTables::schema);
    }

    /** Lakes from before the tenant tables were Delta tables become them, with the landing's columns. */
    @Bean
    LegacyLake legacyLake(SparkSession spark, DeltaTables delta, DeltaMaintenance maintenance, LakeFiles files,
                          LakeLayout layout) {
        return new LegacyLake(spark, delta, maintenance, files, layout, LakeTables::schema);
    }
}
