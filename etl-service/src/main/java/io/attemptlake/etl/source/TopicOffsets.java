package io.attemptlake.etl.source;

import java.util.SortedMap;

/**
 * What the topic holds right now, per partition: earliest offset, and the last stable offset. A port,
 * so that planning is tested against a topic of any shape without a broker.
 */
public interface TopicOffsets {

    /**
     * @param earliest  first offset still in the log (retention may have deleted older ones)
     * @param stable    the last stable offset: everything before it is committed or aborted, so a
     *                  read_committed read up to it is final
     */
    record Snapshot(SortedMap<Integer, Long> earliest, SortedMap<Integer, Long> stable) {
    }

    /** @throws SourceUnavailable when Kafka cannot tell */
    Snapshot snapshot();

    /** Null when the cluster answers, else why not. */
    String unreachableReason();

    /** Kafka cannot tell where the topic stands. */
    class SourceUnavailable extends RuntimeException {
        public SourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
