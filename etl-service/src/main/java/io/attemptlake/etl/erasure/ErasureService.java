package io.attemptlake.etl.erasure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.attemptlake.etl.lake.DeltaMaintenance;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.LakeMaintenance;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.lake.TenantTable;
import io.attemptlake.etl.landing.Erased;
import io.attemptlake.etl.landing.LakeTables;
import io.attemptlake.etl.landing.Landing;
import io.attemptlake.model.AttemptIdentity;
import io.attemptlake.web.apikey.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Erases learners from a tenant's five tables: attempts by learner and attempt, their questions and
 * options through the attempts' keys, raw by attempt key, and what the tenant's messages of them were
 * refused for (raw's quarantined rows, quarantine) by the identifiers in the JSON as sent, judged as
 * a run judges it. Delta's DELETE rewrites each file holding such a row, then VACUUM deletes the old
 * files at once: no version of the tables that a reader can still open holds the learner.
 *
 * <p>The learners' fingerprints are kept first ({@link ErasedLearners}), so that runs drop what the
 * topic still holds of them even if the erasure is interrupted; erasing again completes it.
 */
@Service
public class ErasureService {

    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

    /** Learners one request may name: the conditions are literal lists. */
    static final int MAX_IDS = 10_000;
    private static final String KIND = "erasures";

    private final SparkSession spark;
    private final DeltaTables delta;
    private final DeltaMaintenance commands;
    private final LakeMaintenance maintenance;
    private final ErasedLearners erased;
    private final Clock clock = Clock.systemUTC();

    ErasureService(SparkSession spark, DeltaTables delta, DeltaMaintenance commands, LakeMaintenance maintenance,
                   ErasedLearners erased) {
        this.spark = spark;
        this.delta = delta;
        this.commands = commands;
        this.maintenance = maintenance;
        this.erased = erased;
    }

    /**
     * Erases (or, for a dry run, counts) the request's learners; the answer says how many rows went
     * from each table.
     *
     * @throws LakeLock.Busy when a run or other maintenance keeps the lake longer than an erasure waits
     */
    public Erasure erase(Caller caller, ErasureRequest request) {
        Instant requestedAt = clock.instant();
        return maintenance.holding(now -> {
            Map<Table, Column> conditions = conditions(request, now);
            Map<Table, Long> counts = new EnumMap<>(Table.class);
            for (Table table : Table.values()) {
                counts.put(table, read(table, request.tenant(), now).filter(conditions.get(table)).count());
            }
            if (request.dryRun()) {
                return erasure(null, caller, request, requestedAt, counts, TableVersions.NONE);
            }
            String id = UUID.randomUUID().toString();
            erased.add(request.tenant(), request.userExamIds(), request.keenIds());
            List<TenantTable> changed = new ArrayList<>();
            for (Table table : Table.values()) {
                TenantTable t = new TenantTable(table, request.tenant());
                if (counts.get(table) > 0) {
                    commands.delete(t, conditions.get(table));
                    changed.add(t);
                }
            }
            // Readers see the tables without them from here; then every file that held them goes.
            TableVersions versions = maintenance.changed(changed);
            changed.forEach(commands::vacuumNow);
            Erasure done = erasure(id, caller, request, requestedAt, counts, versions);
            maintenance.record(KIND, id, done);
            log.info("Erasure {} of {} learner(s) and {} attempt(s) of {}: {} rows removed", id,
                    request.userExamIds().size(), request.keenIds().size(), request.tenant(), done.rowsRemoved());
            return done;
        });
    }

    public Optional<Erasure> find(String id) {
        return maintenance.find(KIND, id, Erasure.class);
    }

    /**
     * The rows of each table that name the learners. An attempt's key is its keen_id or, without
     * one, {@code uex:} and its user_exam_id; the attempts' own keys catch every re-sent copy in raw.
     */
    private Map<Table, Column> conditions(ErasureRequest request, TableVersions now) {
        Object[] learners = request.userExamIds().toArray();
        Object[] attemptIds = request.keenIds().toArray();
        Column named = col("user_exam_id").isin(learners).or(col("keen_id").isin(attemptIds));
        Set<String> keys = new HashSet<>(request.keenIds());
        request.userExamIds().forEach(u -> keys.add(AttemptIdentity.FALLBACK_PREFIX + u));
        keys.addAll(read(Table.ATTEMPTS, request.tenant(), now).filter(named).select(Landing.ATTEMPT_KEY)
                .as(Encoders.STRING()).collectAsList());
        Column byKey = col(Landing.ATTEMPT_KEY).isin(keys.toArray());
        Erased these = new Erased(Map.of(request.tenant(), fingerprints(request)));
        String tenant = request.tenant();
        UserDefinedFunction asSent = functions.udf((UDF1<String, Boolean>) value -> these.namedIn(tenant, value),
                DataTypes.BooleanType);
        Column refused = asSent.apply(col("value"));
        Map<Table, Column> conditions = new EnumMap<>(Table.class);
        conditions.put(Table.ATTEMPTS, named.or(byKey));
        conditions.put(Table.QUESTIONS, byKey);
        conditions.put(Table.OPTIONS, byKey);
        conditions.put(Table.RAW, byKey.or(col("outcome").equalTo(lit("quarantined")).and(refused)));
        conditions.put(Table.QUARANTINE, refused);
        return conditions;
    }

    private static Set<String> fingerprints(ErasureRequest request) {
        Set<String> prints = new HashSet<>();
        request.userExamIds().forEach(id -> prints.add(Erased.fingerprint(Erased.USER_EXAM_ID, id)));
        request.keenIds().forEach(id -> prints.add(Erased.fingerprint(Erased.KEEN_ID, id)));
        return prints;
    }

    private Dataset<Row> read(Table table, String tenant, TableVersions now) {
        return delta.read(spark, table, now.of(table, tenant), LakeTables.schema(table));
    }

    private Erasure erasure(String id, Caller caller, ErasureRequest request, Instant requestedAt,
                            Map<Table, Long> counts, TableVersions versions) {
        Map<String, Long> rows = new LinkedHashMap<>();
        counts.forEach((t, n) -> rows.put(t.viewName(), n));
        return new Erasure(id, request.tenant(), request.dryRun(), caller.keyId(), request.reference(), requestedAt,
                clock.instant(), request.userExamIds().size(), request.keenIds().size(), rows, versions.byPath());
    }
}
