package io.attemptlake.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real lab record, the ground truth for the shape; used as API example and in tests. */
public final class Samples {

    private Samples() {
    }

    /** The first record of the lab's assessment-attempts file, exactly as published. */
    public static String realRecord() {
        try (InputStream in = Samples.class.getResourceAsStream("real-record.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
