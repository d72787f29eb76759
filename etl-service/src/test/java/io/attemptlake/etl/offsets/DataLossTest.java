package io.attemptlake.etl.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.testsupport.RealHdfs;
import io.attemptlake.testsupport.RealKafka;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Retention deletes what a run still needs: the run fails and says so; or, if configured, skips it and says so. */
@RealKafka
@RealHdfs
class DataLossTest {

    @Test
    void aRunFailsWhenRetentionDeletedOffsetsItNeededAndCanBeToldToSkipThem() throws Exception {
        try (Pipeline p = new Pipeline()) {
            p.topic.publish("pearson", AttemptGenerator.records(1, 30).toList());
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
            }
            p.topic.publish("pearson", AttemptGenerator.records(2, 30).toList());
            deleteAllButTheLastCommittedRecord(p);

            try (EtlApp etl = p.start()) {
                JsonNode failed = etl.runToCompletion();
                assertThat(failed.get("status").asString()).isEqualTo("FAILED");
                assertThat(failed.get("error").asString()).contains("deleted by retention", "Nothing was landed",
                        "on-data-loss=SKIP");
                assertThat(p.lake.count(Table.RAW)).isEqualTo(30);
            }
            try (EtlApp etl = p.start("--etl.source.on-data-loss=SKIP")) {
                JsonNode skipped = etl.runToCompletion();
                assertThat(skipped.get("status").asString()).isEqualTo("SUCCEEDED");
                assertThat(skipped.get("notes").toString()).contains("skipped", "deleted by retention");
                assertThat(skipped.get("counts").get("messagesRead").asLong()).isBetween(1L, 3L);
            }
        }
    }

    /** As retention would: move each partition's start to its last committed record. */
    private static void deleteAllButTheLastCommittedRecord(Pipeline p) throws Exception {
        try (Admin admin = p.kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                latest.put(new TopicPartition(p.topicName, i), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(Math.max(0, info.offset() - 2))));
            admin.deleteRecords(delete).all().get();
        }
    }
}
