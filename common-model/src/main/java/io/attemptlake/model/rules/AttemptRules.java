package io.attemptlake.model.rules;

import io.attemptlake.model.AssessmentAttempt;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The model's Jakarta constraints, compiled once from its annotations into checks both services run:
 * {@link #holds} settles a valid record in one pass that allocates nothing and stops at the first
 * broken rule; {@link #violations} names every broken rule, at its JSON pointer, with the messages
 * Hibernate Validator gives (its parity is a test, so the rules stay the annotations' own).
 *
 * <p>An annotation this class cannot check fails at class initialisation: a rule added to the model
 * is never silently ignored.
 */
public final class AttemptRules {

    /** One rule on one field: what holds, and what to say when it does not. */
    private record Rule(Predicate<Object> holds, String message) {
    }

    /**
     * A field with its rules; {@code nested} for a record (checked when {@code @Valid}), or a
     * list's element rules ({@code elementNotNull}, and {@code nested} when {@code @Valid}).
     */
    private record FieldCheck(String pointer, MethodHandle accessor, Rule[] rules, boolean list,
                              boolean elementNotNull, RecordCheck nested) {
    }

    private record RecordCheck(FieldCheck[] fields) {
    }

    private static final Map<Class<?>, RecordCheck> COMPILED = new ConcurrentHashMap<>();
    private static final RecordCheck ATTEMPT = compile(AssessmentAttempt.class);

    static {
        // Annotations whose classes are missing at run time are silently dropped by the JVM: an
        // executor without jakarta.validation-api would accept every record. Refuse to run instead.
        if (ATTEMPT.fields().length == 0) {
            throw new IllegalStateException("The model's constraints are not visible on this classpath "
                    + "(is jakarta.validation-api missing?): records cannot be judged");
        }
    }

    private AttemptRules() {
    }

    /** True when every rule holds; no allocation, first failure wins. */
    public static boolean holds(AssessmentAttempt attempt) {
        return holds(ATTEMPT, attempt);
    }

    /** Every broken rule, sorted by pointer then message; empty exactly when {@link #holds}. */
    public static List<Violation> violations(AssessmentAttempt attempt) {
        List<Violation> out = new ArrayList<>();
        collect(ATTEMPT, attempt, "", out);
        out.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason));
        return out;
    }

    private static boolean holds(RecordCheck check, Object record) {
        for (FieldCheck field : check.fields()) {
            Object value = get(field, record);
            for (Rule rule : field.rules()) {
                if (!rule.holds().test(value)) {
                    return false;
                }
            }
            if (value == null) {
                continue;
            }
            if (field.list()) {
                for (Object element : (List<?>) value) {
                    if (element == null ? field.elementNotNull()
                            : field.nested() != null && !holds(field.nested(), element)) {
                        return false;
                    }
                }
            } else if (field.nested() != null && !holds(field.nested(), value)) {
                return false;
            }
        }
        return true;
    }

    private static void collect(RecordCheck check, Object record, String at, List<Violation> out) {
        for (FieldCheck field : check.fields()) {
            Object value = get(field, record);
            String pointer = at + field.pointer();
            for (Rule rule : field.rules()) {
                if (!rule.holds().test(value)) {
                    out.add(new Violation(pointer, rule.message()));
                }
            }
            if (value == null) {
                continue;
            }
            if (field.list()) {
                List<?> elements = (List<?>) value;
                for (int i = 0; i < elements.size(); i++) {
                    Object element = elements.get(i);
                    if (element == null) {
                        if (field.elementNotNull()) {
                            out.add(new Violation(pointer + "/" + i, "must not be null"));
                        }
                    } else if (field.nested() != null) {
                        collect(field.nested(), element, pointer + "/" + i, out);
                    }
                }
            } else if (field.nested() != null) {
                collect(field.nested(), value, pointer, out);
            }
        }
    }

    private static Object get(FieldCheck field, Object record) {
        try {
            return (Object) field.accessor().invokeExact(record);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read " + field.pointer(), e);
        }
    }

    private static RecordCheck compile(Class<?> recordClass) {
        RecordCheck known = COMPILED.get(recordClass);
        if (known != null) {
            return known;
        }
        List<FieldCheck> fields = new ArrayList<>();
        for (ModelFields.Field field : ModelFields.of(recordClass)) {
            List<Annotation> annotations = constraints(recordClass, field);
            boolean valid = annotations.stream().anyMatch(Valid.class::isInstance);
            Rule[] rules = annotations.stream().filter(a -> !(a instanceof Valid)).map(a -> rule(a, field)).toArray(Rule[]::new);
            boolean elementNotNull = false;
            if (field.isList()) {
                List<Annotation> element = Arrays.asList(field.annotatedElementType().getAnnotations());
                elementNotNull = element.stream().anyMatch(NotNull.class::isInstance);
                valid = valid || element.stream().anyMatch(Valid.class::isInstance);
                element.stream().filter(a -> !(a instanceof NotNull) && !(a instanceof Valid)
                        && a.annotationType().isAnnotationPresent(Constraint.class)).findFirst().ifPresent(a -> {
                            throw unsupported(a, field);
                        });
            }
            RecordCheck nested = valid && field.isRecord() ? compile(field.elementType()) : null;
            if (rules.length > 0 || elementNotNull || nested != null) {
                fields.add(new FieldCheck("/" + field.jsonName(), accessor(field), rules, field.isList(), elementNotNull, nested));
            }
        }
        RecordCheck check = new RecordCheck(fields.toArray(FieldCheck[]::new));
        COMPILED.put(recordClass, check);
        return check;
    }

    private static Rule rule(Annotation a, ModelFields.Field field) {
        if (a instanceof NotNull) {
            return new Rule(v -> v != null, "must not be null");
        }
        if (a instanceof NotBlank) {
            // As Hibernate's NotBlankValidator: String.isBlank(), i.e. Character.isWhitespace.
            return new Rule(v -> v != null && !((String) v).isBlank(), "must not be blank");
        }
        if (a instanceof Size s) {
            // Read once: an annotation's values are a proxy call each time (3% of reading a record).
            int min = s.min();
            int max = s.max();
            String message = "size must be between " + min + " and " + max;
            if (field.isList()) {
                return new Rule(v -> v == null || between(((List<?>) v).size(), min, max), message);
            }
            // String.length(): UTF-16 units, as Hibernate counts.
            return new Rule(v -> v == null || between(((String) v).length(), min, max), message);
        }
        if (a instanceof Pattern p) {
            int flags = 0;
            for (Pattern.Flag flag : p.flags()) {
                flags |= flag.getValue();
            }
            String message = "must match \"" + p.regexp() + "\"";
            if (p.regexp().equals("\\S+") && flags == 0) {
                // keen_id's rule, on every record: a scan, not a regex (3% of the ingest's CPU).
                return new Rule(v -> v == null || noRegexWhitespace((String) v), message);
            }
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(p.regexp(), flags);
            return new Rule(v -> v == null || regex.matcher((String) v).matches(), message);
        }
        if (a instanceof PositiveOrZero) {
            return new Rule(v -> v == null || ((Number) v).longValue() >= 0, "must be greater than or equal to 0");
        }
        if (a instanceof Positive) {
            return new Rule(v -> v == null || ((Number) v).longValue() > 0, "must be greater than 0");
        }
        if (a instanceof WireFormat w) {
            WireType type = w.value();
            return new Rule(v -> v == null || type.accepts((String) v), type.message());
        }
        throw unsupported(a, field);
    }

    private static IllegalStateException unsupported(Annotation a, ModelFields.Field field) {
        return new IllegalStateException("@" + a.annotationType().getSimpleName() + " on " + field.jsonName()
                + " is not checked: teach AttemptRules the rule");
    }

    private static boolean between(int n, int min, int max) {
        return n >= min && n <= max;
    }

    /** The constraint annotations on a record component (Jakarta puts them on the field). */
    static List<Annotation> constraints(Class<?> recordClass, ModelFields.Field field) {
        try {
            return Arrays.stream(recordClass.getDeclaredField(field.component().getName()).getAnnotations())
                    .filter(a -> a instanceof Valid || a.annotationType().isAnnotationPresent(Constraint.class))
                    .toList();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle accessor(ModelFields.Field field) {
        try {
            return MethodHandles.publicLookup().unreflect(field.component().getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code \S+} matches: not empty, and none of regex's {@code \s} (space, tab, LF, VT, FF, CR). */
    private static boolean noRegexWhitespace(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
        }
        return true;
    }
}
