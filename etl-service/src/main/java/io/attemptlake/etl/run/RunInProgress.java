package io.attemptlake.etl.run;

/** A run was triggered while another one is queued or running. */
public class RunInProgress extends RuntimeException {

    private final String runningId;

    public RunInProgress(String runningId) {
        super("run " + runningId + " is in progress");
        this.runningId = runningId;
    }

    public String runningId() {
        return runningId;
    }
}
