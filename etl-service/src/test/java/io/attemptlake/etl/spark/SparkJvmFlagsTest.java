package io.attemptlake.etl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Spark's JVM flags and HDFS client retries live in one file each; every user points at it, no other file keeps a copy. */
@Tag("fast")
class SparkJvmFlagsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path FILE = ROOT.resolve("etl-service/src/main/resources/" + SparkJvmFlags.FILE);
    private static final Set<String> SKIPPED = Set.of(".git", ".local", "target", "node_modules", "work", ".mvn");

    @Test
    void theFileHoldsOpensAndSystemPropertiesAndTheExecutorsGetTheProperties() {
        List<String> flags = SparkJvmFlags.all();

        assertThat(flags).hasSizeGreaterThan(10).allMatch(f -> f.startsWith("--add-opens=java.base/") || f.startsWith("-D"));
        assertThat(SparkJvmFlags.systemProperties().split(" "))
                .containsExactlyElementsOf(flags.stream().filter(f -> f.startsWith("-D")).toList())
                .isNotEmpty();
    }

    @Test
    void noOtherFileOfTheRepositoryCopiesAFlag() {
        List<String> flags = SparkJvmFlags.all().stream().map(f -> f.replaceFirst("=ALL-UNNAMED$", "")).toList();
        List<String> copies;
        try (Stream<Path> files = walk(ROOT)) {
            copies = files.filter(f -> !f.equals(FILE)).flatMap(f -> {
                String text = read(f);
                return flags.stream().filter(text::contains).map(flag -> ROOT.relativize(f) + ": " + flag);
            }).toList();
        }
        assertThat(copies).as("flags written out again instead of read from " + SparkJvmFlags.FILE).isEmpty();
    }

    @Test
    void theHdfsCloseRetriesAlsoLiveInOneFileThatTheServiceAndTheBenchRead() {
        Path file = ROOT.resolve("etl-service/src/main/resources/spark-hdfs-close.properties");
        assertThat(SparkConfig.HDFS_CLOSE).isNotEmpty().allSatisfy((key, value) -> assertThat(key).startsWith("spark.hadoop.dfs."));
        List<String> copies;
        try (Stream<Path> files = walk(ROOT)) {
            copies = files.filter(f -> !f.equals(file))
                    .filter(f -> SparkConfig.HDFS_CLOSE.keySet().stream().anyMatch(read(f)::contains))
                    .map(f -> ROOT.relativize(f).toString()).toList();
        }
        assertThat(copies).isEmpty();
        assertThat(read(ROOT.resolve("tools/bench/pom.xml"))).contains("<include>spark-hdfs-close.properties</include>");
    }

    @Test
    void everyLauncherOfASparkJvmReadsTheFile() {
        String relative = "etl-service/src/main/resources/" + SparkJvmFlags.FILE;
        assertThat(read(ROOT.resolve("tools/local-stack/src/main/java/io/attemptlake/localstack/stack/Topology.java"))).contains(relative);
        assertThat(read(ROOT.resolve("etl-service/Dockerfile"))).contains("\"@/app/" + SparkJvmFlags.FILE + "\"");
        assertThat(read(ROOT.resolve("etl-service/pom.xml"))).contains("@${project.basedir}/src/main/resources/" + SparkJvmFlags.FILE);
        assertThat(read(ROOT.resolve("testing/system-tests/src/test/java/io/attemptlake/system/deploy/Roots.java"))).contains(relative);
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.list(dir).toList().stream().flatMap(p -> Files.isDirectory(p)
                    ? (SKIPPED.contains(p.getFileName().toString()) ? Stream.empty() : walk(p))
                    : Stream.of(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.size(file) > 2_000_000 ? "" : new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
