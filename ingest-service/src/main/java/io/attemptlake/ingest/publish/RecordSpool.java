package io.attemptlake.ingest.publish;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request's validated records (key, value), held until the whole request is known to be good.
 * Nothing reaches Kafka before that, and a Kafka transaction stays open only while sending, not
 * while a slow client uploads. Memory is bounded: past {@code memoryLimit} bytes the spool moves to
 * a temporary file, deleted on close.
 */
public final class RecordSpool implements AutoCloseable {

    /** Receives the spooled records in order. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(byte[] key, byte[] value);
    }

    private final long memoryLimit;
    private final Path spillDir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(64 * 1024);
    private DataOutputStream out = new DataOutputStream(memory);
    private Path file;
    private int count;
    private long bytes;

    public RecordSpool(long memoryLimit, Path spillDir) {
        this.memoryLimit = memoryLimit;
        this.spillDir = spillDir;
    }

    public void add(byte[] key, byte[] value) {
        try {
            out.writeInt(key.length);
            out.write(key);
            out.writeInt(value.length);
            out.write(value);
            count++;
            bytes += value.length;
            if (memory != null && memory.size() > memoryLimit) {
                spill();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void spill() throws IOException {
        file = Files.createTempFile(spillDir, "spool-", ".bin");
        OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        memory.writeTo(fileOut);
        memory = null;
        out = new DataOutputStream(fileOut);
    }

    public int count() {
        return count;
    }

    /** Sum of the values' sizes. */
    public long bytes() {
        return bytes;
    }

    public boolean spilled() {
        return file != null;
    }

    public void forEach(RecordConsumer consumer) {
        try {
            out.flush();
            try (InputStream raw = memory != null ? new ByteArrayInputStream(memory.toByteArray())
                    : new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                 DataInputStream in = new DataInputStream(raw)) {
                for (int i = 0; i < count; i++) {
                    byte[] key = in.readNBytes(in.readInt());
                    byte[] value = in.readNBytes(in.readInt());
                    consumer.accept(key, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
