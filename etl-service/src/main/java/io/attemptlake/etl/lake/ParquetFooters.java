package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Row counts straight from Parquet footers: no Spark job, a few milliseconds per file. */
public final class ParquetFooters {

    private final LakeFiles files;

    public ParquetFooters(LakeFiles files) {
        this.files = files;
    }

    /** Rows in all Parquet files under {@code dir}; 0 if there are none. */
    public long rows(Path dir) {
        long rows = 0;
        for (Path file : files.parquetFiles(dir)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, files.fs().getConf()))) {
                rows += reader.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows;
    }
}
