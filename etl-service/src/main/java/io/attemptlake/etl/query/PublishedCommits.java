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
 * Which commits are decided but not yet published (no {@code _COMMITTED} marker): queries leave out
 * their files, so a commit still moving its files into place is invisible, in all tables at once.
 * Table directories hold no other files but those of decided commits. A commit once published stays
 * so: only commit directories not yet known published are checked again.
 */
@Component
public class PublishedCommits {

    private final LakeFiles files;
    private final LakeLayout layout;
    private final CommitProtocol commits;
    private final Set<String> published = new ConcurrentSkipListSet<>();

    public PublishedCommits(LakeFiles files, LakeLayout layout, CommitProtocol commits) {
        this.files = files;
        this.layout = layout;
        this.commits = commits;
    }

    /** The decided commits whose files may be partly in place now (one directory listing, usually). */
    public Set<String> unpublished() {
        Set<String> open = new TreeSet<>();
        for (Path dir : files.directories(layout.commits())) {
            String id = dir.getName();
            if (published.contains(id)) {
                continue;
            }
            if (commits.isCommitted(id)) {
                published.add(id);
            } else if (commits.isDecided(id)) {
                open.add(id);
            }
        }
        return open;
    }
}
