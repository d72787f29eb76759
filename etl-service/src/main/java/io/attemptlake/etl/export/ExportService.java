package io.attemptlake.etl.export;

import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import io.attemptlake.web.apikey.Caller;
import io.attemptlake.etl.lake.LakeAccess;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.query.TenantViews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.springframework.stereotype.Service;

/**
 * A caller's snapshot of one table as a single file, of any size. Spark writes it in one task into a
 * directory of {@code _exports} that only the service may read, and the file is then copied to the
 * client from HDFS: the rows pass through one writer and a copy buffer, never through the heap all
 * at once, so memory stays flat whatever the row count. The snapshot is the query API's (committed
 * data only, the caller's tenant only), so an export and a query never disagree.
 */
@Service
public class ExportService {

    /** A written export: its one file, deleted with its directory on {@link #close()}. */
    public final class Export implements AutoCloseable {
        private final Path dir;
        private final FileStatus file;

        private Export(Path dir, FileStatus file) {
            this.dir = dir;
            this.file = file;
        }

        public long bytes() {
            return file.getLen();
        }

        public void copyTo(OutputStream out) throws IOException {
            try (InputStream in = files.fs().open(file.getPath())) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() {
            files.delete(dir);
        }
    }

    private final TenantViews views;
    private final LakeLayout layout;
    private final LakeFiles files;
    private final LakeAccess access;

    private final LakeLock lake;

    public ExportService(TenantViews views, LakeLayout layout, LakeFiles files, LakeAccess access, LakeLock lake) {
        this.lake = lake;
        this.views = views;
        this.layout = layout;
        this.files = files;
        this.access = access;
    }

    /**
     * Writes the caller's rows of {@code table} with {@code ingest_date} in [from, to] (either bound
     * may be null) as one file; the caller must close it.
     */
    public Export write(Caller caller, Table table, LocalDate from, LocalDate to, ExportFormat format) {
        // The table's files are read into the export's own file here; the download reads only that.
        return lake.reading(() -> writeFile(caller, table, from, to, format));
    }

    private Export writeFile(Caller caller, Table table, LocalDate from, LocalDate to, ExportFormat format) {
        Dataset<Row> rows = views.view(caller, table);
        if (from != null) {
            rows = rows.filter(col(Landing.INGEST_DATE).geq(lit(Date.valueOf(from))));
        }
        if (to != null) {
            rows = rows.filter(col(Landing.INGEST_DATE).leq(lit(Date.valueOf(to))));
        }
        access.prepare();
        Path dir = new Path(layout.exports(), UUID.randomUUID().toString());
        var context = rows.sparkSession().sparkContext();
        context.setLocalProperty("spark.scheduler.pool", "queries");
        try {
            // One task, so one file; it streams rows from every input split into one writer.
            if (format == ExportFormat.CSV) {
                asText(rows).coalesce(1).write().option("header", "true").option("compression", "none")
                        // RFC 4180: a quote inside a field is doubled (Spark escapes it with a backslash by default).
                        .option("escape", "\"")
                        .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").csv(dir.toString());
            } else {
                rows.coalesce(1).write().parquet(dir.toString());
            }
            return new Export(dir, single(dir, format));
        } catch (RuntimeException e) {
            files.delete(dir);
            throw e;
        } finally {
            context.setLocalProperty("spark.scheduler.pool", null);
        }
    }

    /** CSV holds text only: nested columns become JSON and bytes base64, as in the query API's answers. */
    static Dataset<Row> asText(Dataset<Row> rows) {
        StructType schema = rows.schema();
        Column[] columns = Arrays.stream(schema.fields()).map(ExportService::asText).toArray(Column[]::new);
        return rows.select(columns);
    }

    private static Column asText(StructField field) {
        Column c = col(field.name());
        if (field.dataType() instanceof BinaryType) {
            return base64(c).as(field.name());
        }
        if (field.dataType() instanceof ArrayType || field.dataType() instanceof StructType
                || field.dataType() instanceof MapType) {
            return to_json(c).as(field.name());
        }
        return c;
    }

    private FileStatus single(Path dir, ExportFormat format) {
        try {
            FileStatus[] parts = files.fs().listStatus(dir, p -> p.getName().startsWith("part-"));
            if (parts.length != 1) {
                throw new IllegalStateException("an export should be one file, Spark wrote " + parts.length + " in " + dir);
            }
            return parts[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
