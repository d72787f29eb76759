package io.attemptlake.etl.compaction;

import io.attemptlake.etl.lake.DeltaMaintenance;
import io.attemptlake.etl.lake.DeltaTables;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.LakeMaintenance;
import io.attemptlake.etl.lake.TenantTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Rewrites the days of tenant tables that runs have filled with small files into few large ones
 * (Delta's OPTIMIZE): the same rows, so no answer changes, in fewer files for every reader to open.
 * The files replaced stay readable by time travel until an erasure or purge vacuums the table. On
 * a schedule ({@code etl.compaction.interval}) and when the admin asks; serialized with runs.
 */
@Service
public class CompactionService implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CompactionService.class);

    private final CompactionProperties settings;
    private final DeltaTables delta;
    private final DeltaMaintenance commands;
    private final LakeMaintenance maintenance;
    private final Clock clock = Clock.systemUTC();

    CompactionService(CompactionProperties settings, DeltaTables delta, DeltaMaintenance commands,
                      LakeMaintenance maintenance) {
        this.settings = settings;
        this.delta = delta;
        this.commands = commands;
        this.maintenance = maintenance;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        LakeMaintenance.every(tasks, settings.interval(), "compaction", () -> compact(null, Optional.empty()));
    }

    /**
     * Compacts every day, of every tenant table (or only {@code tenant}'s), holding more than
     * {@code etl.compaction.min-files} small files.
     *
     * @param requestedBy the admin key's id, or null for the schedule
     * @throws LakeLock.Busy when a run or other maintenance keeps the lake too long
     */
    public Compaction compact(String requestedBy, Optional<String> tenant) {
        Instant started = clock.instant();
        return maintenance.holding(now -> {
            List<Compaction.Day> days = new ArrayList<>();
            Set<TenantTable> changed = new TreeSet<>();
            for (Map.Entry<TenantTable, Long> t : now.versions().entrySet()) {
                if (tenant.isPresent() && !tenant.get().equals(t.getKey().tenant())) {
                    continue;
                }
                Map<LocalDate, Long> small = delta.files(t.getKey(), t.getValue()).stream()
                        .filter(f -> f.day() != null && f.bytes() < settings.smallFile().toBytes())
                        .collect(Collectors.groupingBy(DeltaTables.DataFile::day, TreeMap::new, Collectors.counting()));
                for (Map.Entry<LocalDate, Long> day : small.entrySet()) {
                    if (day.getValue() > settings.minFiles()) {
                        commands.compact(t.getKey(), day.getKey());
                        long version = delta.latestVersion(t.getKey());
                        int after = (int) delta.files(t.getKey(), version).stream()
                                .filter(f -> day.getKey().equals(f.day())).count();
                        days.add(new Compaction.Day(t.getKey().path(), day.getKey(), day.getValue().intValue(), after, version));
                        changed.add(t.getKey());
                    }
                }
            }
            maintenance.changed(changed);
            Compaction done = new Compaction(UUID.randomUUID().toString(), requestedBy, started, clock.instant(), days);
            if (!days.isEmpty()) {
                maintenance.record("compactions", done.id(), done);
                log.info("Compaction {}: {} day(s) of {} table(s)", done.id(), days.size(), changed.size());
            }
            return done;
        });
    }
}
