package io.attemptlake.etl.lake;

import java.io.Serializable;

/**
 * A file a commit staged: its table, where it is, the partition directories it belongs in
 * ({@code tenant=T/ingest_date=D}), and how many rows and bytes it holds as its writer counted them.
 */
public record StagedFile(Table table, String path, String partition, long rows, long bytes) implements Serializable {
}
