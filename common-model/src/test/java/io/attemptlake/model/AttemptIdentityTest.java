package io.attemptlake.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AttemptIdentityTest {

    private static AssessmentAttempt attempt(String keenId, String userExamId) {
        return new AssessmentAttempt(keenId, null, null, "2018-01-23T14:23:19.082Z", "b", userExamId, "e", null, null, null);
    }

    @Test
    void usesTheKeenIdWhenPresent() {
        assertThat(AttemptIdentity.of(attempt("5a67", "u1"))).isEqualTo("5a67");
    }

    @Test
    void fallsBackToThePrefixedUserExamId() {
        assertThat(AttemptIdentity.of(attempt(null, "u1"))).isEqualTo("uex:u1");
    }
}
