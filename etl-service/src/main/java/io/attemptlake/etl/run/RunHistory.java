package io.attemptlake.etl.run;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LegacyLake;
import io.attemptlake.etl.lake.Manifest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Keeps the history true to the lake after any interruption. Recovery first makes the lake
 * consistent (decided commits rolled forward, undecided staging dropped); then every run the
 * history does not show as finished, and every failed run that recovery completed a commit of,
 * is settled from its commits as the lake holds them: a run whose commits reached the end of its
 * planned range succeeded; one that landed some of them failed with those counts; one that landed
 * none failed with nothing landed.
 */
@Component
class RunHistory {

    private final RunStore store;
    private final CommitProtocol commits;
    private final LegacyLake legacy;
    private final Clock clock = Clock.systemUTC();

    RunHistory(RunStore store, CommitProtocol commits, LegacyLake legacy) {
        this.store = store;
        this.commits = commits;
        this.legacy = legacy;
    }

    /**
     * Recovers the lake (and makes a lake from before the tenant tables were Delta tables into them)
     * and settles the history; {@code live} (the run now starting) is left alone.
     */
    CommitProtocol.Recovery reconcile(Optional<String> live) {
        CommitProtocol.Recovery recovery = commits.recover();
        if (!legacy.upgrade().isEmpty()) {
            commits.forget();
        }
        for (Run r : store.list()) {
            if (live.isPresent() && live.get().equals(r.id())) {
                continue;
            }
            boolean completedByRecovery = recovery.rolledForward().stream().anyMatch(c -> c.startsWith(r.id() + "-"));
            if (!r.finished() || (r.status() == Run.RunStatus.FAILED && completedByRecovery)) {
                store.save(settle(r, commits.commitsOf(r.id())));
            }
        }
        return recovery;
    }

    /** The run as its commits in the lake say it ended. */
    Run settle(Run r, List<String> landed) {
        Run settled = new Run(r.id(), Run.RunStatus.RUNNING, r.requestedAt(), r.startedAt(), r.finishedAt(), null, null,
                r.offsets(), r.outputs(), r.phaseMillis(), r.executors(), null, null, null, r.error(), r.notes());
        Manifest last = null;
        for (String commitId : landed) {
            last = commits.manifest(commitId);
            settled = settled.withCommit(commitId, Run.Counts.of(last.rows(), last.erased()), commits.published(commitId).versions(),
                    null);
        }
        if (last != null && commits.lastCommitted().map(Manifest::commitId).orElse("").equals(last.commitId())) {
            // Its last commit is the lake's: what readers see now is as the run left it.
            settled = settled.withVersions(commits.visible().byPath());
        }
        java.time.Instant at = r.finishedAt() != null ? r.finishedAt() : clock.instant();
        if (last == null) {
            return settled.failed(at, r.finished() ? r.error()
                    : "interrupted (the service stopped during the run); nothing of it was landed");
        }
        if (reachedPlannedEnd(r, last)) {
            return settled.withNote(r.finished() ? "publication completed by recovery"
                    : "interrupted after its last commit decision; completed by recovery").succeeded(at, r.outputs());
        }
        return settled.withNote(landed.size() + " commit(s) landed; the next run goes on from the last one")
                .failed(at, r.finished() ? r.error() : "interrupted (the service stopped during the run)");
    }

    private static boolean reachedPlannedEnd(Run r, Manifest last) {
        if (r.offsets() == null) {
            return false;
        }
        return r.offsets().stream().allMatch(p -> p.toOffset() == p.fromOffset()
                || last.endOffsets().getOrDefault(p.partition(), -1L) == p.toOffset());
    }
}
