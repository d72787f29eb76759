package io.attemptlake.etl.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON documents in the lake, written atomically (temp file + rename), and file listings. */
public final class LakeFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final FileSystem fs;
    private final FileContext fc;

    public LakeFiles(FileSystem fs) {
        this.fs = fs;
        try {
            this.fc = FileContext.getFileContext(fs.getUri(), fs.getConf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FileSystem fs() {
        return fs;
    }

    /** Writes {@code value} as JSON to {@code path}; readers see the old or the new file, never half. */
    public void writeJson(Path path, Object value, boolean overwrite) {
        Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
        try {
            fs.mkdirs(path.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(JSON.writeValueAsBytes(value));
            }
            if (overwrite) {
                fc.rename(tmp, path, Options.Rename.OVERWRITE);
            } else if (!fs.rename(tmp, path)) {
                throw new IOException("cannot create " + path + " (does it exist already?)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T readJson(Path path, Class<T> type) {
        try (InputStream in = fs.open(path)) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void touch(Path path) {
        try {
            fs.create(path, true).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Subdirectories of {@code dir}; empty if it does not exist. */
    public List<Path> directories(Path dir) {
        List<Path> dirs = new ArrayList<>();
        try {
            if (!fs.exists(dir)) {
                return dirs;
            }
            for (FileStatus status : fs.listStatus(dir)) {
                if (status.isDirectory()) {
                    dirs.add(status.getPath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    /** Whether {@code dir} holds a Parquet file anywhere below it (stops at the first). */
    public boolean hasParquetFiles(Path dir) {
        try {
            if (!fs.exists(dir)) {
                return false;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet") && !p.toUri().getPath().contains("/_temporary/")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Configuration conf() {
        return fs.getConf();
    }

    /**
     * A table's data files under {@code dir}, recursively: Parquet files outside hidden directories
     * ({@code _delta_log}, and any other starting with {@code _} or {@code .}, as Spark and Delta skip them).
     */
    public List<Path> dataFiles(Path dir) {
        List<Path> data = new ArrayList<>();
        String root = dir.toUri().getPath();
        for (Path f : parquetFiles(dir)) {
            String below = f.toUri().getPath().substring(root.length());
            if (!below.contains("/_") && !below.contains("/.")) {
                data.add(f);
            }
        }
        return data;
    }

    /** Parquet files under {@code dir}, recursively, on whatever file system it names; empty if it does not exist. */
    public List<Path> parquetFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            FileSystem fs = dir.getFileSystem(conf());
            if (!fs.exists(dir)) {
                return files;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                Path p = it.next().getPath();
                if (p.getName().endsWith(".parquet") && !p.toUri().getPath().contains("/_temporary/")) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
