package io.attemptlake.etl.job;

import io.attemptlake.etl.lake.Table;
import java.util.Map;

/**
 * What one run landed. Reconciled before commit:
 * {@code messagesRead == rawRows == attempts + duplicatesSkipped + quarantined}.
 */
public record JobResult(long messagesRead, long rawRows, long attempts, long questions, long options,
                        long duplicatesSkipped, long quarantined, Map<Table, String> outputs) {

    public static JobResult nothingNew(Map<Table, String> outputs) {
        return new JobResult(0, 0, 0, 0, 0, 0, 0, outputs);
    }
}
