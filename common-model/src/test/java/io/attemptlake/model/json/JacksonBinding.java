package io.attemptlake.model.json;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.AttemptRules;
import io.attemptlake.model.json.AttemptReader.Accepted;
import io.attemptlake.model.json.AttemptReader.Problem;
import io.attemptlake.model.json.AttemptReader.Rejected;
import io.attemptlake.model.json.AttemptReader.Result;
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
import tools.jackson.databind.type.LogicalType;

/**
 * The reference for {@link RecordBinder}: the reader as it was, with Jackson databind binding the
 * record through its creator under strict coercion. Production code never runs it; the parity test does.
 */
final class JacksonBinding {

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
            .build();

    private static final ObjectReader READER = MAPPER.readerFor(AssessmentAttempt.class);

    private JacksonBinding() {
    }

    /** Reads one whole JSON document, any bytes (a Kafka message's value); empty or not an object is MALFORMED. */
    static Result read(byte[] json) {
        return read(json, 0, json.length);
    }

    /** As {@link #read(byte[])} for the {@code len} bytes from {@code off} (a message inside a larger buffer). */
    static Result read(byte[] buffer, int off, int len) {
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
