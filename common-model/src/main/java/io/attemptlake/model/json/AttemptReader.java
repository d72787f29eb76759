package io.attemptlake.model.json;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.AttemptRules;
import io.attemptlake.model.rules.Violation;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one record's JSON into an {@link AssessmentAttempt} and judges it, for both services: the
 * ingest reads each record of a request from the request's own token stream ({@link #read(JsonParser)}),
 * the ETL each Kafka message's bytes ({@link #read(byte[])}). A valid record is settled in one pass
 * (bind, then {@link AttemptRules#holds}); only a bad one pays for naming what is wrong.
 *
 * <p>Binding is strict: no "1" for an int, no 1.5 truncated to 1, no 0/1 for a boolean, no duplicate
 * keys. Numbers and booleans are accepted where the wire form is a string, as their JSON text.
 */
public final class AttemptReader {

    /** What kind of wrong: the ETL's quarantine reasons and the ingest's answers tell them apart. */
    public enum Problem {
        /** Bytes that are not well-formed UTF-8 (which Jackson would read leniently). */
        NOT_UTF8,
        /** Not JSON, not a JSON object, or content after it. */
        MALFORMED,
        /** A value of the wrong JSON type for its field, or a number its type cannot hold. */
        WRONG_TYPE,
        /** An object with the same key twice. */
        DUPLICATE_KEY,
        /** Bound, but the model's rules are broken. */
        RULES
    }

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final RecordBinder ATTEMPT = RecordBinder.of(AssessmentAttempt.class);

    /** The outcome for one record. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(AssessmentAttempt attempt) implements Result {
    }

    /** @param violations where and why, sorted by pointer (one entry unless the problem is RULES) */
    public record Rejected(Problem problem, List<Violation> violations) implements Result {
    }

    private AttemptReader() {
    }

    /** Reads one whole JSON document, any bytes (a Kafka message's value); empty or not an object is MALFORMED. */
    public static Result read(byte[] json) {
        return read(json, 0, json.length);
    }

    /** As {@link #read(byte[])} for the {@code len} bytes from {@code off} (a message inside a larger buffer). */
    public static Result read(byte[] buffer, int off, int len) {
        long invalid = Utf8.firstInvalid(buffer, off, len);
        if (invalid >= 0) {
            return new Rejected(Problem.NOT_UTF8, List.of(new Violation("", "is not valid UTF-8 at byte " + invalid)));
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), buffer, off, len)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return malformed("must be a JSON object");
            }
            Result result = bind(parser, parser.streamReadContext().getNestingDepth());
            if (parser.nextToken() != null) {
                return malformed("has content after the record");
            }
            return result;
        } catch (StreamReadException e) {
            return malformed("is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads the object at the parser's current token ({@code START_OBJECT}) to its end, whatever the
     * verdict: the parser's next token is whatever follows the record, and its current location is
     * just past it. Pointers are relative to the record.
     *
     * @throws StreamReadException when the stream itself is not JSON: nothing can be read past it
     */
    public static Result read(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("not at the start of an object: " + parser.currentToken());
        }
        return bind(parser, parser.streamReadContext().getNestingDepth());
    }

    private static Result bind(JsonParser parser, int depth) {
        RepeatedKeys keys = new RepeatedKeys(parser);
        AssessmentAttempt attempt;
        try {
            attempt = (AssessmentAttempt) ATTEMPT.bind(parser, keys);
        } catch (RecordBinder.WrongType e) {
            return wrongType(parser, depth, e.pointer(), e.reason());
        }
        if (keys.key() != null) {
            return new Rejected(Problem.DUPLICATE_KEY,
                    List.of(new Violation(keys.pointer(), "duplicate key \"" + keys.key() + "\"")));
        }
        if (AttemptRules.holds(attempt)) {
            return new Accepted(attempt);
        }
        return new Rejected(Problem.RULES, AttemptRules.violations(attempt));
    }

    /**
     * Reads on to the record's END_OBJECT (the error may have come at any depth inside it): a record
     * whose end is not JSON is MALFORMED, not merely of the wrong type.
     */
    private static Rejected wrongType(JsonParser parser, int depth, String pointer, String reason) {
        while (parser.streamReadContext().getNestingDepth() >= depth) {
            if (parser.nextToken() == null) {
                return malformed("ends in the middle of the record");
            }
        }
        return new Rejected(Problem.WRONG_TYPE, List.of(new Violation(pointer, reason)));
    }

    private static Rejected malformed(String reason) {
        return new Rejected(Problem.MALFORMED, List.of(new Violation("", reason)));
    }
}
