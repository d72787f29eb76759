package io.attemptlake.etl.erasure;

import io.attemptlake.etl.lake.LakeFiles;
import io.attemptlake.etl.lake.LakeLayout;
import io.attemptlake.etl.landing.Erased;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.springframework.stereotype.Component;

/**
 * The learners erased so far, kept in the lake as fingerprints ({@code _erased/tenant=T.json},
 * the service's alone): every run drops what the topic still holds of them. Written before an
 * erasure removes any row, so an erasure interrupted half way still stops later runs from landing
 * the learner again, and repeating it finishes the removal.
 */
@Component
public class ErasedLearners {

    /** One tenant's erased learners, as fingerprints ({@link Erased#fingerprint}). */
    record Fingerprints(Set<String> fingerprints) {
    }

    private final LakeFiles files;
    private final LakeLayout layout;

    ErasedLearners(LakeFiles files, LakeLayout layout) {
        this.files = files;
        this.layout = layout;
    }

    /** Every tenant's erased learners, for a run's tasks. */
    public Erased current() {
        Map<String, Set<String>> byTenant = new HashMap<>();
        if (!files.exists(layout.erased())) {
            return Erased.NONE;
        }
        try {
            for (FileStatus f : files.fs().listStatus(layout.erased())) {
                String name = f.getPath().getName();
                if (name.startsWith("tenant=") && name.endsWith(".json")) {
                    String tenant = name.substring("tenant=".length(), name.length() - ".json".length());
                    byTenant.put(tenant, files.readJson(f.getPath(), Fingerprints.class).fingerprints());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Erased(byTenant);
    }

    /** Adds these learners of {@code tenant} (by user_exam_id and by keen_id) to the erased. */
    synchronized void add(String tenant, Collection<String> userExamIds, Collection<String> keenIds) {
        Path path = new Path(layout.erased(), "tenant=" + tenant + ".json");
        Set<String> all = new TreeSet<>(files.exists(path) ? files.readJson(path, Fingerprints.class).fingerprints() : Set.of());
        userExamIds.forEach(id -> all.add(Erased.fingerprint(Erased.USER_EXAM_ID, id)));
        keenIds.forEach(id -> all.add(Erased.fingerprint(Erased.KEEN_ID, id)));
        files.writeJson(path, new Fingerprints(all), true);
    }
}
