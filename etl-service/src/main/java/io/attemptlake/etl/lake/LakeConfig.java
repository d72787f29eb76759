package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lake's file system shares Spark's Hadoop configuration, so both see the same HDFS. */
@Configuration(proxyBeanMethods = false)
public class LakeConfig {

    @Bean
    public LakeLayout lakeLayout(LakeProperties properties) {
        return new LakeLayout(properties.base());
    }

    @Bean
    public LakeFiles lakeFiles(LakeProperties properties, SparkSession spark) {
        try {
            return new LakeFiles(FileSystem.get(URI.create(properties.base()), spark.sparkContext().hadoopConfiguration()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    public LakeAccess lakeAccess(LakeFiles files, LakeLayout layout, LakeProperties properties) {
        return new LakeAccess(files.fs(), layout, properties.access());
    }

    @Bean
    public CommitProtocol commitProtocol(LakeFiles files, LakeLayout layout, LakeAccess access, DeltaTables delta) {
        return new CommitProtocol(files, layout, access, delta);
    }

    @Bean
    public LakeLock lakeLock() {
        return new LakeLock();
    }

    @Bean
    public DeltaMaintenance deltaMaintenance(SparkSession spark, DeltaTables delta, LakeLock lock, LakeFiles files) {
        return new DeltaMaintenance(spark, delta, lock, files);
    }

    @Bean
    public LakeMaintenance lakeMaintenance(LakeLock lock, CommitProtocol commits, LakeFiles files, LakeLayout layout,
                                           LegacyLake legacy) {
        return new LakeMaintenance(lock, commits, files, layout, legacy);
    }

    @Bean
    public ParquetFooters parquetFooters(LakeFiles files) {
        return new ParquetFooters(files);
    }
}
