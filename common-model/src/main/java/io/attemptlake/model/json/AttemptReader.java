package io.attemptlake.model.json;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.AttemptValidator;
import io.attemptlake.model.rules.Violation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Turns one record's JSON into an {@link AssessmentAttempt} or the reasons it is unusable.
 *
 * <p>Binding is as strict as Spark's JSON reader with the derived schema, so the ingest never accepts
 * what the ETL would quarantine: no "1" for an int, no 1.5 truncated to 1, no 0/1 for a boolean,
 * no duplicate keys. Numbers and booleans are accepted where the wire form is a string (the ETL reads
 * them as their JSON text, the same text Jackson gives).
 */
public final class AttemptReader {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

    private static final ObjectReader READER = MAPPER.readerFor(AssessmentAttempt.class);

    /** The outcome for one record. */
    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(AssessmentAttempt attempt) implements Result {
    }

    public record Rejected(List<Violation> violations) implements Result {
    }

    private AttemptReader() {
    }

    /** Reads one complete JSON object (already known to be syntactically valid JSON). */
    public static Result read(byte[] json) {
        AssessmentAttempt attempt;
        try {
            attempt = READER.readValue(json);
        } catch (DatabindException e) {
            return new Rejected(List.of(new Violation(pointer(e.getPath()), reason(e))));
        } catch (StreamReadException e) {
            return new Rejected(List.of(streamViolation(e)));
        } catch (NumberFormatException e) {
            // Jackson's number limits (e.g. 9.9e9999999999 bound to a decimal) surface unwrapped.
            return new Rejected(List.of(new Violation("", "holds a number out of range")));
        }
        if (attempt == null) {
            return new Rejected(List.of(new Violation("", "must be a JSON object")));
        }
        List<Violation> violations = AttemptValidator.validate(attempt);
        return violations.isEmpty() ? new Accepted(attempt) : new Rejected(violations);
    }

    // Syntax was checked by the caller, so a stream error here is a duplicate key (or a limit);
    // the parser context already points at the repeated key.
    private static Violation streamViolation(StreamReadException e) {
        JsonParser p = e.processor();
        String pointer = p != null ? p.streamReadContext().pathAsPointer().toString() : "";
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.find()) {
            return new Violation(pointer, "duplicate key \"" + duplicate.group(1) + "\"");
        }
        return new Violation(pointer, "is not valid JSON: " + e.getOriginalMessage());
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
