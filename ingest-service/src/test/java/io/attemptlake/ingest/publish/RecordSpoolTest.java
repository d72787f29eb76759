package io.attemptlake.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class RecordSpoolTest {

    @TempDir
    Path dir;

    @Test
    void keepsSmallRequestsInMemory() {
        try (RecordSpool spool = new RecordSpool(1 << 20, dir)) {
            spool.add("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));
            assertThat(spool.spilled()).isFalse();
            assertThat(read(spool)).containsExactly("k=v");
        }
    }

    @Test
    void spillsLargeRequestsToDiskInOrderAndCleansUp() throws Exception {
        List<String> expected = new ArrayList<>();
        try (RecordSpool spool = new RecordSpool(10_000, dir)) {
            for (int i = 0; i < 2000; i++) {
                spool.add(("key" + i).getBytes(StandardCharsets.UTF_8), ("value-" + i).getBytes(StandardCharsets.UTF_8));
                expected.add("key" + i + "=value-" + i);
            }
            assertThat(spool.spilled()).isTrue();
            assertThat(spool.count()).isEqualTo(2000);
            assertThat(read(spool)).containsExactlyElementsOf(expected);
            assertThat(read(spool)).as("readable twice").hasSize(2000);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private static List<String> read(RecordSpool spool) {
        List<String> out = new ArrayList<>();
        spool.forEach((k, v) -> out.add(new String(k, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
