package io.attemptlake.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code DIR/ready} holds the pid while the node serves; scripts and tests wait for it. */
final class ReadyFile {

    private final Path file;

    ReadyFile(Path dir) {
        this.file = dir.resolve("ready");
        delete();
    }

    void markReady() {
        try {
            Path tmp = file.resolveSibling("ready.tmp");
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("READY " + ManagementFactory.getRuntimeMXBean().getName());
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
