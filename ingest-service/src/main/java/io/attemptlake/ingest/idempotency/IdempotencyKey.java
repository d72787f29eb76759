package io.attemptlake.ingest.idempotency;

import io.attemptlake.web.problem.ProblemException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** The client's {@code Idempotency-Key}: 1 to 255 visible ASCII characters (e.g. a UUID). */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** Null when the header is absent. */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        // Structured-field form ("...") is accepted as well as the bare token.
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!VALID.matcher(value).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "The Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID.");
        }
        return new IdempotencyKey(value);
    }
}
