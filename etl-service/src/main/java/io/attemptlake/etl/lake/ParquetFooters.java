package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Row counts straight from Parquet footers: no Spark job; a few milliseconds per file, several at a time. */
public final class ParquetFooters implements AutoCloseable {

    private final LakeFiles files;
    // Each footer is a NameNode round trip and a DataNode read: waits, not work.
    private final ExecutorService readers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "parquet-footers");
        t.setDaemon(true);
        return t;
    });

    public ParquetFooters(LakeFiles files) {
        this.files = files;
    }

    /** Rows per table in the given files, from their footers (every table present, 0 if it has none). */
    public Map<Table, Long> rows(List<StagedFile> staged) {
        List<Map.Entry<Table, Future<Long>>> counts = staged.stream()
                .map(f -> Map.entry(f.table(), readers.submit(() -> rowsOf(new Path(f.path()))))).toList();
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        for (Table t : Table.values()) {
            rows.put(t, 0L);
        }
        try {
            for (Map.Entry<Table, Future<Long>> count : counts) {
                rows.merge(count.getKey(), count.getValue().get(), Long::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Parquet footers", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io : new IllegalStateException(e.getCause());
        }
        return rows;
    }

    /** Rows in all Parquet files under {@code dir}; 0 if there are none. */
    public long rows(Path dir) {
        return rows(files.parquetFiles(dir).stream().map(p -> new StagedFile(Table.RAW, p.toString(), "", 0, 0)).toList())
                .get(Table.RAW);
    }

    private long rowsOf(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, files.conf()))) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
