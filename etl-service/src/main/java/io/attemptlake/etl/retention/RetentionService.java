package io.attemptlake.etl.retention;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.attemptlake.etl.lake.DeltaMaintenance;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.LakeMaintenance;
import io.attemptlake.etl.lake.Table;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.etl.lake.TenantTable;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Keeps each tenant's rows no longer than its policy says: rows whose {@code ingest_date} is older
 * than the tenant's days are removed from all five tables by Delta's DELETE (whole days: the log
 * drops their files, nothing is rewritten; the rows removed are counted from the log's statistics),
 * then vacuumed at once, as an erasure is. Messages without a tenant follow the default. On a schedule
 * ({@code etl.retention.interval}) and when the admin asks; serialized with runs.
 */
@Service
public class RetentionService implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

    private final RetentionProperties policy;
    private final DeltaTables delta;
    private final DeltaMaintenance commands;
    private final LakeMaintenance maintenance;
    private final Clock clock = Clock.systemUTC();

    RetentionService(RetentionProperties policy, DeltaTables delta, DeltaMaintenance commands,
                     LakeMaintenance maintenance) {
        this.policy = policy;
        this.delta = delta;
        this.commands = commands;
        this.maintenance = maintenance;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (policy.any()) {
            LakeMaintenance.every(tasks, policy.interval(), "retention purge", () -> purge(null, Optional.empty()));
        }
    }

    /**
     * Purges every tenant with a policy (or only {@code tenant}) now.
     *
     * @param requestedBy the admin key's id, or null for the schedule
     * @throws LakeLock.Busy when a run or other maintenance keeps the lake too long
     */
    public Purge purge(String requestedBy, Optional<String> tenant) {
        Instant started = clock.instant();
        return maintenance.holding(now -> {
            List<Purge.TenantPurge> purged = new ArrayList<>();
            List<TenantTable> changed = new ArrayList<>();
            for (String t : tenants(now, tenant)) {
                Optional<Integer> days = policy.daysOf(t);
                if (days.isEmpty()) {
                    continue;
                }
                LocalDate keptFrom = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days.get());
                Map<String, Long> removed = new LinkedHashMap<>();
                for (Table table : Table.values()) {
                    TenantTable tt = new TenantTable(table, t);
                    List<DeltaTables.DataFile> old = delta.files(tt, now.versions().getOrDefault(tt, -1L)).stream()
                            .filter(f -> f.day() != null && f.day().isBefore(keptFrom)).toList();
                    removed.put(table.viewName(), old.stream().mapToLong(f -> Math.max(0, f.rows())).sum());
                    if (!old.isEmpty()) {
                        commands.delete(tt, col(DeltaTables.PARTITION_COLUMN).lt(lit(Date.valueOf(keptFrom))));
                        changed.add(tt);
                    }
                }
                purged.add(new Purge.TenantPurge(t, days.get(), keptFrom, removed));
            }
            // Readers see the tables without those days from here; then their files go.
            maintenance.changed(changed);
            changed.forEach(commands::vacuumNow);
            Purge done = new Purge(UUID.randomUUID().toString(), requestedBy, started, clock.instant(), purged);
            if (!changed.isEmpty()) {
                maintenance.record("purges", done.id(), done);
                log.info("Retention purge {}: {}", done.id(), purged);
            }
            return done;
        });
    }

    private static TreeSet<String> tenants(TableVersions now, Optional<String> only) {
        TreeSet<String> tenants = new TreeSet<>();
        now.versions().keySet().forEach(t -> tenants.add(t.tenant()));
        only.ifPresent(o -> tenants.retainAll(java.util.Set.of(o)));
        return tenants;
    }
}
