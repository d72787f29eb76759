package io.attemptlake.etl.landing;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.forall;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.rules.ModelFields;
import io.attemptlake.model.rules.WireFormat;
import io.attemptlake.model.rules.WireType;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * The model's validation rules (its Jakarta constraints) as Spark SQL expressions, derived from the
 * same annotations the ingest validates with, so both sides accept the same records. Built from
 * built-in functions and higher-order lambdas only: executors need none of our classes.
 *
 * <p>An annotation without a translation here fails at class initialisation: a rule added to the
 * model cannot be silently ignored by the ETL.
 */
public final class RecordRules {

    /** One rule: where, what, and a condition on the struct at its level that is true when it holds. */
    record Rule(String pointer, String message, UnaryOperator<Column> holds) {
    }

    // Sorted as the ingest's validator reports violations: by pointer, then message.
    private static final List<Rule> RULES = rulesOf(AssessmentAttempt.class).stream()
            .sorted(java.util.Comparator.comparing(Rule::pointer).thenComparing(Rule::message))
            .toList();

    private RecordRules() {
    }

    /**
     * All violations of a parsed record as "pointer: message; ...", or "" when it is usable.
     *
     * <p>Usable records (nearly all) are settled by one pass over the record tree ({@link #allHold});
     * only the others pay for naming each broken rule. Spark evaluates higher-order functions
     * without code generation, and in 4.2 every element they read builds a fresh SQLConf
     * (~16% of a run's CPU in JFR when each rule had its own lambda; see bench/results).
     */
    public static Column violations(Column record) {
        Column[] reasons = RULES.stream()
                .map(r -> when(not(r.holds().apply(record)), lit(r.pointer() + ": " + r.message())))
                .toArray(Column[]::new);
        return when(allHold(AssessmentAttempt.class, record), lit("")).otherwise(concat_ws("; ", reasons));
    }

    /**
     * Every rule of {@code recordClass} on {@code s} as one condition: true when all hold. Null when
     * undecided, which sends the record to the detailed rules, so the answer is always theirs.
     */
    static Column allHold(Class<?> recordClass, Column s) {
        List<Column> conditions = new ArrayList<>();
        for (ModelFields.Field field : ModelFields.of(recordClass)) {
            Column f = s.getField(field.jsonName());
            for (Annotation a : constraints(recordClass, field)) {
                if (!(a instanceof Valid)) {
                    conditions.add(condition(a, field).apply(f));
                }
            }
            if (field.isRecord() && !field.isList() && hasValid(recordClass, field)) {
                conditions.add(f.isNull().or(allHold(field.elementType(), f)));
            }
            if (field.isList()) {
                List<Annotation> elementRules = Arrays.asList(field.annotatedElementType().getAnnotations());
                boolean notNull = elementRules.stream().anyMatch(NotNull.class::isInstance);
                boolean valid = field.isRecord() && elementRules.stream().anyMatch(Valid.class::isInstance);
                if (notNull || valid) {
                    conditions.add(coalesce(forall(f, e -> {
                        Column element = valid ? e.isNull().or(allHold(field.elementType(), e)) : lit(true);
                        return notNull ? e.isNotNull().and(element) : element;
                    }), lit(true)));
                }
            }
        }
        return conditions.stream().reduce(Column::and).orElse(lit(true));
    }

    /** How many rules were derived (a test compares it with the model's constraint count). */
    static List<Rule> rules() {
        return RULES;
    }

    static List<Rule> rulesOf(Class<?> recordClass) {
        List<Rule> rules = new ArrayList<>();
        for (ModelFields.Field field : ModelFields.of(recordClass)) {
            String name = field.jsonName();
            String pointer = "/" + name;
            for (Annotation a : constraints(recordClass, field)) {
                if (a instanceof Valid) {
                    continue;
                }
                UnaryOperator<Column> holds = condition(a, field);
                rules.add(new Rule(pointer, message(a), s -> holds.apply(s.getField(name))));
            }
            if (field.isRecord() && !field.isList() && hasValid(recordClass, field)) {
                for (Rule nested : rulesOf(field.elementType())) {
                    rules.add(new Rule(pointer + nested.pointer(), nested.message(),
                            s -> s.getField(name).isNull().or(nested.holds().apply(s.getField(name)))));
                }
            }
            if (field.isList()) {
                List<Annotation> elementRules = Arrays.asList(field.annotatedElementType().getAnnotations());
                if (elementRules.stream().anyMatch(NotNull.class::isInstance)) {
                    rules.add(new Rule(pointer + "/*", "must not be null",
                            s -> coalesce(not(exists(s.getField(name), e -> e.isNull())), lit(true))));
                }
                if (field.isRecord() && elementRules.stream().anyMatch(Valid.class::isInstance)) {
                    for (Rule nested : rulesOf(field.elementType())) {
                        rules.add(new Rule(pointer + "/*" + nested.pointer(), nested.message(),
                                s -> coalesce(forall(s.getField(name), e -> e.isNull().or(nested.holds().apply(e))), lit(true))));
                    }
                }
            }
        }
        return rules;
    }

    private static UnaryOperator<Column> condition(Annotation a, ModelFields.Field field) {
        if (a instanceof NotNull) {
            return Column::isNotNull;
        }
        if (a instanceof NotBlank) {
            // Java's String.trim() (what @NotBlank uses) strips every char <= U+0020.
            return c -> c.isNotNull().and(c.rlike("[^\\x00-\\x20]"));
        }
        if (a instanceof Size s) {
            if (field.isList()) {
                return c -> c.isNull().or(size(c).between(s.min(), s.max()));
            }
            return c -> c.isNull().or(utf16Length(c, s.max()).between(s.min(), s.max()));
        }
        if (a instanceof Pattern p) {
            if (p.flags().length > 0) {
                throw new IllegalStateException("@Pattern flags have no Spark translation: " + field.jsonName());
            }
            return c -> c.isNull().or(c.rlike(anchored(p.regexp())));
        }
        if (a instanceof PositiveOrZero) {
            return c -> c.isNull().or(c.geq(0));
        }
        if (a instanceof Positive) {
            return c -> c.isNull().or(c.gt(0));
        }
        if (a instanceof WireFormat w) {
            WireType type = w.value();
            if (type == WireType.ISO_INSTANT) {
                // The regex fixes the syntax; the cast rejects what is no date (2018-02-30).
                return c -> c.isNull().or(c.rlike(anchored(type.regex())).and(c.try_cast(DataTypes.TimestampType).isNotNull()));
            }
            return c -> c.isNull().or(c.rlike(anchored(type.regex())));
        }
        throw new IllegalStateException("@" + a.annotationType().getSimpleName() + " on " + field.jsonName()
                + " has no Spark translation: add one to RecordRules");
    }

    private static String message(Annotation a) {
        if (a instanceof NotNull) {
            return "must not be null";
        }
        if (a instanceof NotBlank) {
            return "must not be blank";
        }
        if (a instanceof Size s) {
            return "size must be between " + s.min() + " and " + s.max();
        }
        if (a instanceof Pattern p) {
            return "must match \"" + p.regexp() + "\"";
        }
        if (a instanceof PositiveOrZero) {
            return "must be greater than or equal to 0";
        }
        if (a instanceof Positive) {
            return "must be greater than 0";
        }
        if (a instanceof WireFormat w) {
            return w.value().message();
        }
        return a.annotationType().getSimpleName();
    }

    /** Java counts a string's length in UTF-16 units; Spark in characters. Only long strings need the exact count. */
    private static Column utf16Length(Column c, int max) {
        return when(length(c).multiply(2).leq(max), length(c))
                .otherwise(octet_length(encode(c, "UTF-16BE")).divide(2).cast(DataTypes.IntegerType));
    }

    // \A and \z: Java's full match, not rlike's find; $ would also match before a final newline.
    private static String anchored(String regex) {
        return "\\A(?:" + regex + ")\\z";
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

    private static boolean hasValid(Class<?> recordClass, ModelFields.Field field) {
        return constraints(recordClass, field).stream().anyMatch(Valid.class::isInstance);
    }
}
