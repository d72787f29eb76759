package io.attemptlake.etl.erasure;

import java.util.List;

/**
 * What to erase: every row of a tenant's learners, named by {@code user_exam_id} (the record's only
 * learner identifier) and/or by attempt ({@code keen_id}).
 *
 * @param dryRun    count what would be removed, change nothing
 * @param reference the caller's own reference for the audit (a ticket), never a learner's identifier
 */
public record ErasureRequest(String tenant, List<String> userExamIds, List<String> keenIds, Boolean dryRun,
                             String reference) {

    public ErasureRequest {
        userExamIds = userExamIds == null ? List.of() : userExamIds.stream().toList(); // nulls kept, and refused
        keenIds = keenIds == null ? List.of() : keenIds.stream().toList();
        dryRun = Boolean.TRUE.equals(dryRun);
    }
}
