package io.attemptlake.localstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code NAME=value} lines, as a shell sources them ({@code keys.env}, {@code stack.env}). */
public final class EnvFile {

    private EnvFile() {
    }

    public static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run ./pipeline up first");
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    static String format(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        return out.toString();
    }

    /** Written readable by its owner only, from the first byte (it holds keys). */
    static void writePrivate(Path file, Map<String, String> values) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, format(values));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
