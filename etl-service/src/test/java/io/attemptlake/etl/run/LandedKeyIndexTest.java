package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.etl.SparkTestSession;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.lake.TenantTable;
import io.attemptlake.etl.landing.LandedLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The landed-key index answers as the lake would, reads the lake only when the lake is not the
 * state it knows, and past its bound falls back to reading history. The lake here is a test
 * implementation of {@link LandedKeys} whose rows and reads the test controls.
 */
class LandedKeyIndexTest {

    private static final List<String> A1 = List.of("pearson", "a1");
    private static final List<String> A2 = List.of("pearson", "a2");
    private static final List<String> A3 = List.of("pearson", "a3");
    private static final List<String> OTHER_TENANTS_A1 = List.of("acme", "a1");

    private final TestLake lake = new TestLake();
    private final SparkSession spark = SparkTestSession.get();

    @Test
    void answersAsTheLakeAndIsExtendedByItsOwnCommitsWithoutReadingAgain() {
        lake.rows.add(A1);
        LandedKeyIndex index = new LandedKeyIndex(lake, properties(1000));

        LandedLookup first = index.lookup(spark, attemptsAt(1));
        assertThat(first.landed(List.of(A1, A2, OTHER_TENANTS_A1))).containsExactly(A1);

        index.committed(attemptsAt(2), List.of(A2));
        lake.rows.add(A2);
        LandedLookup second = index.lookup(spark, attemptsAt(2));

        assertThat(second.landed(List.of(A1, A2, A3))).containsExactlyInAnyOrder(A1, A2);
        assertThat(lake.reads).as("the lake read once").hasValue(1);
    }

    @Test
    void readsTheLakeAgainWhenTheAttemptsTablesAreNotAtTheVersionsItKnows() {
        LandedKeyIndex index = new LandedKeyIndex(lake, properties(1000));
        assertThat(index.lookup(spark, TableVersions.NONE).landed(List.of(A1))).isEmpty();
        assertThat(lake.reads).as("an empty lake is not read").hasValue(0);

        lake.rows.add(A1); // rolled forward by a recovery, or the lake changed by an erasure
        LandedLookup after = index.lookup(spark, attemptsAt(3));

        assertThat(after.landed(List.of(A1))).containsExactly(A1);
        assertThat(lake.reads).hasValue(1);
    }

    @Test
    void readsTheLakeAgainOnceForgotten() {
        lake.rows.add(A2);
        LandedKeyIndex index = new LandedKeyIndex(lake, properties(1000));
        index.lookup(spark, attemptsAt(1));
        lake.rows.add(A1); // a failed run's commit, decided after all

        index.forget();

        assertThat(index.lookup(spark, attemptsAt(1)).landed(List.of(A1))).containsExactly(A1);
        assertThat(lake.reads).hasValue(2);
    }

    @Test
    void pastItsBoundItReadsHistoryAndStillAnswersRight() {
        lake.rows.addAll(List.of(A1, A2, A3));
        LandedKeyIndex index = new LandedKeyIndex(lake, properties(2));

        LandedLookup lookup = index.lookup(spark, attemptsAt(1));

        assertThat(lookup.landed(List.of(A1, List.of("pearson", "new"), OTHER_TENANTS_A1))).containsExactly(A1);
    }

    private static TableVersions attemptsAt(long version) {
        return new TableVersions(new TreeMap<>(Map.of(new TenantTable(Table.ATTEMPTS, "pearson"), version)));
    }

    private static RunProperties properties(long keyIndexMax) {
        return new RunProperties(150_000, new RunProperties.Warmup(false, 0, null), keyIndexMax);
    }

    /** The attempts table's keys, as the test sets them, counting whole reads. */
    private static final class TestLake extends LandedKeys {
        final List<List<String>> rows = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        TestLake() {
            super(null, null);
        }

        @Override
        boolean any() {
            return !rows.isEmpty();
        }

        @Override
        Dataset<Row> of(SparkSession spark) {
            reads.incrementAndGet();
            return spark.createDataFrame(rows.stream().map(k -> RowFactory.create(k.get(0), k.get(1))).toList(),
                    new StructType().add("tenant", DataTypes.StringType).add("attempt_key", DataTypes.StringType));
        }
    }
}
