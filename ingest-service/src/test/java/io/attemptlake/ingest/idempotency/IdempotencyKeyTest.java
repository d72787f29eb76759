package io.attemptlake.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.web.problem.ProblemException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IdempotencyKeyTest {

    @Test
    void acceptsTokensAndStructuredFieldStrings() {
        assertThat(IdempotencyKey.parse("8e03978e-40d5-43e8-bc93-6894a57f9324").value())
                .isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
        assertThat(IdempotencyKey.parse("\"abc\"").value()).isEqualTo("abc");
        assertThat(IdempotencyKey.parse(null)).isNull();
    }

    @Test
    void refusesEmptyLongOrNonAsciiKeys() {
        for (String bad : new String[] {"", "\"\"", "a b", "x".repeat(256), "clé"}) {
            assertThatThrownBy(() -> IdempotencyKey.parse(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }
}
