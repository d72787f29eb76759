package io.attemptlake.datagen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar datagen.jar [--records N] [--seed S] [--format ndjson|array] [--out FILE]}:
 * writes generated attempts as NDJSON (default) or as one JSON array like the lab's file.
 */
public final class GenerateMain {

    private GenerateMain() {
    }

    public static void main(String[] args) throws IOException {
        long records = 3280;
        long seed = 205;
        String format = "ndjson";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--format" -> format = require(args[i], value);
                case "--out" -> out = Path.of(require(args[i], value));
                default -> {
                    System.err.println("usage: datagen [--records N] [--seed S] [--format ndjson|array] [--out FILE]");
                    System.exit(2);
                }
            }
            i++;
        }
        boolean array = switch (format) {
            case "ndjson" -> false;
            case "array" -> true;
            default -> throw new IllegalArgumentException("--format must be ndjson or array");
        };
        try (Writer w = new BufferedWriter(out == null
                ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            write(new AttemptGenerator(seed, records), array, w);
        }
    }

    static void write(AttemptGenerator generator, boolean array, Writer w) throws IOException {
        if (array) {
            w.write('[');
        }
        boolean first = true;
        while (generator.hasNext()) {
            if (array && !first) {
                w.write(',');
            }
            w.write(generator.next());
            if (!array) {
                w.write('\n');
            }
            first = false;
        }
        if (array) {
            w.write("]\n");
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
