package io.attemptlake.etl.ops;

import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.source.TopicOffsets;
import org.apache.spark.sql.SparkSession;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Readiness: a run can only work when Kafka, HDFS and the SparkSession all answer. */
@Configuration(proxyBeanMethods = false)
public class ReadinessIndicators {

    @Bean("kafka")
    HealthIndicator kafka(TopicOffsets topic) {
        return () -> {
            String reason = topic.unreachableReason();
            return reason == null ? Health.up().build() : Health.down().withDetail("reason", reason).build();
        };
    }

    @Bean("lake")
    HealthIndicator lake(LakeFiles files, LakeLayout layout) {
        return () -> {
            try {
                files.fs().getFileStatus(new org.apache.hadoop.fs.Path(layout.base().toUri().resolve("/")));
                return Health.up().build();
            } catch (Exception e) {
                return Health.down().withDetail("reason", "HDFS unreachable: " + e.getClass().getSimpleName()).build();
            }
        };
    }

    @Bean("spark")
    HealthIndicator spark(SparkSession spark) {
        return () -> spark.sparkContext().isStopped()
                ? Health.down().withDetail("reason", "SparkContext stopped").build()
                : Health.up().withDetail("master", spark.sparkContext().master()).build();
    }
}
