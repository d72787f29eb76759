package io.attemptlake.model.rules;

import io.attemptlake.model.AssessmentAttempt;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The reference for {@link AttemptRules}: Hibernate Validator applying the model's Jakarta constraints,
 * each violation at its JSON pointer. Production code never runs it; the parity test does.
 */
final class HibernateRules {

    // Thread-safe and costly to build: one per JVM. No EL needed: messages only use {min}/{max}.
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .defaultLocale(Locale.ENGLISH)
            .locales(Locale.ENGLISH)
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private HibernateRules() {
    }

    /** Violations in pointer order; empty when the attempt is usable. */
    static List<Violation> validate(AssessmentAttempt attempt) {
        return VALIDATOR.validate(attempt).stream()
                .map(v -> new Violation(pointer(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::pointer).thenComparing(Violation::reason))
                .toList();
    }

    /** Maps a validation path (Java names) to a JSON pointer (wire names), e.g. /sequences/questions/2/id. */
    static String pointer(ConstraintViolation<?> violation) {
        StringBuilder pointer = new StringBuilder();
        Class<?> type = violation.getRootBeanClass();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable() && node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                ModelFields.Field field = ModelFields.field(type, node.getName());
                pointer.append('/').append(field.jsonName());
                type = field.elementType();
            }
        }
        return pointer.toString();
    }
}
