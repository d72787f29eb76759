package io.attemptlake.etl.query;

import io.attemptlake.etl.lake.CommitProtocol;
import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.hadoop.fs.Path;
import org.springframework.stereotype.Component;

/**
 * Which runs are committed (their {@code _COMMITTED} marker exists). Queries read only rows of these
 * runs, so a run that is still publishing its files is invisible, in all tables at once. A run
 * once committed stays so: only run directories not yet known committed are checked again.
 */
@Component
public class CommittedRuns {

    private final LakeFiles files;
    private final LakeLayout layout;
    private final CommitProtocol commits;
    private final Set<String> committed = new ConcurrentSkipListSet<>();

    public CommittedRuns(LakeFiles files, LakeLayout layout, CommitProtocol commits) {
        this.files = files;
        this.layout = layout;
        this.commits = commits;
    }

    /** The committed run ids now (one directory listing, plus a check of any run not known committed). */
    public Set<String> now() {
        for (Path dir : files.directories(layout.runs())) {
            String id = dir.getName();
            if (!committed.contains(id) && commits.isCommitted(id)) {
                committed.add(id);
            }
        }
        return new TreeSet<>(committed);
    }
}
