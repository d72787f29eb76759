package io.attemptlake.model;

/**
 * What makes two messages "the same attempt" for de-duplication and Kafka keys.
 *
 * <p>{@code keen_id} (Keen IO's event id) when present. Without it, {@code user_exam_id} (one
 * user's attempt at one exam), prefixed so it can never collide with a keen id. The ETL applies the
 * same rule: it calls this class inside its Spark tasks. The Kafka key built from it:
 * {@code AssessmentsTopic.key}.
 */
public final class AttemptIdentity {

    public static final String FALLBACK_PREFIX = "uex:";

    private AttemptIdentity() {
    }

    public static String of(AssessmentAttempt attempt) {
        return attempt.keenId() != null ? attempt.keenId() : FALLBACK_PREFIX + attempt.userExamId();
    }
}
