package io.attemptlake.etl.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.execution.SparkSqlParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the guard lets through, judged by Spark's own SQL parser, with no session started. */
@Tag("fast")
class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(new SparkSqlParser());

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

    @ParameterizedTest
    @ValueSource(strings = {
            "DROP TABLE attempts",
            "INSERT INTO attempts SELECT * FROM attempts",
            "CREATE TABLE t AS SELECT 1",
            "SET spark.sql.crossJoin.enabled=true",
            "CACHE TABLE attempts",
            "SELECT * FROM parquet.`/lake/raw/assessments`",
            "SELECT * FROM default.attempts",
            "SELECT reflect('java.lang.System', 'exit', 0)",
            "SELECT input_file_name() FROM attempts",
            "SELECT * FROM read_files('/lake')",
            "SELECT * FROM IDENTIFIER('default.attempts')",
            "SELECT * FROM IDENTIFIER(concat('att', 'empts'))",
            "SELECT * FROM attempts CROSS JOIN questions",
            "SELECT * FROM attempts WHERE attempt_key IN (SELECT attempt_key FROM other_tenant)"})
    void refusesWhatIsNotAQueryOverTheViews(String sql) {
        assertThatThrownBy(() -> guard.check(sql, TenantViews.VIEWS.keySet()))
                .isInstanceOf(SqlGuard.Refused.class)
                .satisfies(e -> assertThat(((SqlGuard.Refused) e).syntax()).as("refused as a statement, not as a typo").isFalse());
    }

    @Test
    void tellsASyntaxErrorFromARefusal() {
        assertThatThrownBy(() -> guard.check("SELEC * FROM attempts", TenantViews.VIEWS.keySet()))
                .isInstanceOf(SqlGuard.Refused.class)
                .satisfies(e -> assertThat(((SqlGuard.Refused) e).syntax()).isTrue());
    }
}
