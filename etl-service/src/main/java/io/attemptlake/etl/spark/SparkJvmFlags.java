package io.attemptlake.etl.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM flags Spark needs on Java 17, owned by one file, {@code spark-jvm.args} (this module's
 * resources, so also inside the jar): the opens without which timestamps collect, Kryo and size
 * estimation break (the last one silently), and two reflection settings. Every JVM that runs Spark
 * takes that file as a java launcher argument file ({@code java @spark-jvm.args}): surefire, the
 * Dockerfile, {@code ./pipeline} (service, Master, Worker, bench) and the tests that start services.
 * Executors get the opens from Spark itself and the system properties from {@link #systemProperties}.
 */
public final class SparkJvmFlags {

    /** The file's name, on the class path and in {@code src/main/resources}. */
    public static final String FILE = "spark-jvm.args";

    private SparkJvmFlags() {
    }

    /** Every flag, one per line of the file. */
    public static List<String> all() {
        try (InputStream in = SparkJvmFlags.class.getResourceAsStream("/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code -D} flags, as one string for {@code spark.executor.extraJavaOptions}. */
    public static String systemProperties() {
        return String.join(" ", all().stream().filter(flag -> flag.startsWith("-D")).toList());
    }
}
