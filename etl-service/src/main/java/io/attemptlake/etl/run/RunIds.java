package io.attemptlake.etl.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Run ids are UTC times to the millisecond ({@code 20261123T101500123Z}): they name directories,
 * and their order is the order of runs, which the offsets rely on. A new id is always greater
 * than the last one, even if the clock stepped back.
 */
final class RunIds {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    static String next(Instant now, Optional<String> last) {
        Instant at = now;
        if (last.isPresent()) {
            Instant previous = parse(last.get());
            if (!at.isAfter(previous)) {
                at = previous.plusMillis(1);
            }
        }
        return FORMAT.format(at);
    }

    static Instant parse(String id) {
        return FORMAT.parse(id, Instant::from);
    }
}
