package io.attemptlake.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@Tag("fast")
class GenerateMainTest {

    @Test
    void writesOneRecordPerLineAsNdjson() throws Exception {
        StringWriter out = new StringWriter();
        GenerateMain.write(new AttemptGenerator(7, 5), false, out);
        assertThat(out.toString().split("\n")).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    @Test
    void writesTheLabsArrayFormat() throws Exception {
        StringWriter out = new StringWriter();
        GenerateMain.write(new AttemptGenerator(7, 5), true, out);
        assertThat(JsonMapper.builder().build().readTree(out.toString()).size()).isEqualTo(5);
    }
}
