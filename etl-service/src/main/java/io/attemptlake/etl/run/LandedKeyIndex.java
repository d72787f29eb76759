package io.attemptlake.etl.run;

import io.attemptlake.etl.landing.Landing;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.landing.LandedLookup;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The dedupe lookup, kept on the driver: per tenant, the fingerprints of every attempt landed, so a
 * run asks the lake nothing (before it, every run read the batch tenants' whole history of keys,
 * and a small run on a lake of four million attempts took 17× its floor).
 *
 * <p>It is exact for one lake state, named by the versions of the attempts tables: read once from
 * them, then extended by each commit this service makes. Whenever they are not at the versions it
 * knows (a recovery, a failed run, an erasure or a purge), it is read again. Past
 * {@code etl.run.key-index-max} attempts it is not kept, and each run reads history instead, until
 * the service restarts.
 */
@Component
class LandedKeyIndex {

    private static final Logger log = LoggerFactory.getLogger(LandedKeyIndex.class);

    private final LandedKeys landedKeys;
    private final long maxKeys;
    private Map<String, Fingerprints> byTenant; // null: not loaded, or too large to keep
    private TableVersions asOf = TableVersions.NONE; // the attempts tables' versions it was read or extended to
    private boolean overBound; // once past key-index-max, history is read for as long as the service runs

    LandedKeyIndex(LandedKeys landedKeys, RunProperties properties) {
        this.landedKeys = landedKeys;
        this.maxKeys = properties.keyIndexMax();
    }

    /** The lookup for the lake whose attempts tables are at {@code attempts}. */
    synchronized LandedLookup lookup(SparkSession spark, TableVersions attempts) {
        if (!overBound && (byTenant == null || !asOf.equals(attempts))) {
            load(spark, attempts);
        }
        if (byTenant == null) {
            return LandedLookup.scanning(landedKeys.of(spark));
        }
        Map<String, Fingerprints> index = byTenant;
        return keys -> {
            Set<List<String>> landed = new HashSet<>();
            for (List<String> key : keys) {
                Fingerprints tenant = index.get(key.get(0));
                if (tenant != null && tenant.contains(Fingerprints.of(key.get(1)))) {
                    landed.add(key);
                }
            }
            return landed;
        };
    }

    /** A commit landed these (tenant, attempt key) pairs on top of the state looked up; the attempts tables are now at {@code attempts}. */
    synchronized void committed(TableVersions attempts, Collection<List<String>> keys) {
        if (byTenant == null) {
            return;
        }
        Map<String, Fingerprints.Builder> added = new HashMap<>();
        for (List<String> key : keys) {
            added.computeIfAbsent(key.get(0), t -> new Fingerprints.Builder()).add(key.get(1));
        }
        Map<String, Fingerprints> next = new HashMap<>(byTenant);
        added.forEach((tenant, prints) -> next.merge(tenant, prints.build(), Fingerprints::with));
        byTenant = next;
        asOf = attempts;
    }

    /** The lake may differ from what is known (a failed or unknown commit): read it again next time. */
    synchronized void forget() {
        byTenant = null;
    }

    private void load(SparkSession spark, TableVersions attempts) {
        long started = System.nanoTime();
        byTenant = null;
        if (!landedKeys.any()) { // a new lake: no Spark job for nothing
            byTenant = new HashMap<>();
            asOf = attempts;
            return;
        }
        Map<String, Fingerprints.Builder> parts = new HashMap<>();
        long total = 0;
        for (Tenant part : landedKeys.of(spark).toJavaRDD().mapPartitions(new Fingerprinting()).collect()) {
            parts.merge(part.tenant(), part.prints(), Fingerprints.Builder::addAll);
            total += part.prints().count();
            if (total > maxKeys) {
                log.warn("More than {} attempts landed: runs read history to dedupe (etl.run.key-index-max)", maxKeys);
                overBound = true;
                return;
            }
        }
        Map<String, Fingerprints> loaded = new HashMap<>();
        parts.forEach((tenant, prints) -> loaded.put(tenant, prints.build()));
        byTenant = loaded;
        asOf = attempts;
        log.info("Landed-key index loaded: {} attempts of {} tenant(s) as of {} in {} ms", total, loaded.size(),
                attempts.byPath(), (System.nanoTime() - started) / 1_000_000);
    }

    /** One Spark partition's fingerprints of one tenant. */
    record Tenant(String tenant, Fingerprints.Builder prints) implements Serializable {
    }

    /** In the tasks: (tenant, attempt_key) rows to fingerprints, a few bytes per attempt to the driver. */
    static final class Fingerprinting implements FlatMapFunction<Iterator<Row>, Tenant> {
        @Override
        public Iterator<Tenant> call(Iterator<Row> rows) {
            Map<String, Fingerprints.Builder> prints = new HashMap<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                prints.computeIfAbsent(row.getString(row.fieldIndex(Landing.TENANT)), t -> new Fingerprints.Builder())
                        .add(row.getString(row.fieldIndex(Landing.ATTEMPT_KEY)));
            }
            return prints.entrySet().stream().map(e -> new Tenant(e.getKey(), e.getValue())).iterator();
        }
    }
}
