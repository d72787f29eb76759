package io.attemptlake.model.json;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.AttemptRules;
import io.attemptlake.model.rules.Violation;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

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

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // It would read the token after the record: the next record of a stream. read(byte[]) checks itself.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.POJO, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .addModule(new SimpleModule("record-creators") {
                @Override
                public void setupModule(SetupContext context) {
                    context.addValueInstantiators(new RecordCreators());
                }
            })
            .build();

    private static final ObjectReader READER = MAPPER.readerFor(AssessmentAttempt.class);

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
        try (JsonParser parser = MAPPER.createParser(buffer, off, len)) {
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

    private static Result bind(JsonParser stream, int depth) {
        DuplicateKeys parser = new DuplicateKeys(stream, stream.streamReadContext().pathAsPointer().toString());
        AssessmentAttempt attempt;
        try {
            attempt = READER.readValue(parser);
        } catch (DatabindException e) {
            return wrongType(parser, depth, pointer(e.getPath()), reason(e));
        } catch (InputCoercionException e) {
            // A number its field's type cannot hold (99999999999 for an int).
            return wrongType(parser, depth, parser.pointerHere(), "holds a number out of range");
        } catch (NumberFormatException e) {
            // Jackson's number limits (e.g. 9.9e9999999999 bound to a decimal) surface unwrapped.
            return wrongType(parser, depth, "", "holds a number out of range");
        }
        if (parser.duplicate() != null) {
            return new Rejected(Problem.DUPLICATE_KEY,
                    List.of(new Violation(parser.pointer(), "duplicate key \"" + parser.duplicate() + "\"")));
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

    static String pointer(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            pointer.append('/');
            if (ref.getPropertyName() != null) {
                pointer.append(ref.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                pointer.append(ref.getIndex());
            }
        }
        return pointer.toString();
    }

    // Jackson's messages name Java types and our classes; say it in the record's terms instead.
    private static String reason(DatabindException e) {
        String message = e.getOriginalMessage();
        if (message.contains("from Array value") || message.contains("START_ARRAY")) {
            return "must not be an array";
        }
        if (message.contains("from Object value") || message.contains("START_OBJECT")) {
            return "must not be an object";
        }
        if (message.contains("java.lang.Integer") || message.contains("`int`")) {
            return "must be an integer";
        }
        if (message.contains("java.lang.Boolean") || message.contains("`boolean`")) {
            return "must be true or false";
        }
        if (message.contains("java.util.List") || message.contains("ArrayList")) {
            return "must be an array";
        }
        if (message.contains("io.attemptlake.model")) {
            return "must be an object";
        }
        return "has the wrong type";
    }
}
