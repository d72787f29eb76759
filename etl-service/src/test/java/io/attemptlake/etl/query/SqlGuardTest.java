package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.etl.SparkTestSession;
import org.junit.jupiter.api.Test;

class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(SparkTestSession.get());

    @Test
    void namesOnlyTheViewsAQueryReads() {
        assertThat(guard.check("SELECT 1", TenantViews.VIEWS.keySet())).isEmpty();
        assertThat(guard.check("SELECT * FROM attempts a JOIN Questions q USING (tenant, attempt_key)",
                TenantViews.VIEWS.keySet())).containsExactlyInAnyOrder("attempts", "questions");
        assertThat(guard.check("WITH mine AS (SELECT * FROM options) SELECT count(*) FROM mine",
                TenantViews.VIEWS.keySet())).containsExactly("options");
        assertThat(guard.check("SELECT count(*) FROM raw_assessments WHERE attempt_key IN "
                + "(SELECT attempt_key FROM quarantine)", TenantViews.VIEWS.keySet()))
                .containsExactlyInAnyOrder("raw_assessments", "quarantine");
    }

    @Test
    void refusesATableThatIsNeitherAViewNorACte() {
        assertThatThrownBy(() -> guard.check("SELECT * FROM mine", TenantViews.VIEWS.keySet()))
                .isInstanceOf(SqlGuard.Refused.class).hasMessageContaining("Unknown table mine");
    }
}
