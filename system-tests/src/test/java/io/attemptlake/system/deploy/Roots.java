package io.attemptlake.system.deploy;

import java.nio.file.Path;

/** The repository's root, where ./pipeline and the deployment files are. */
public final class Roots {

    private Roots() {
    }

    public static Path root() {
        return ServiceSettings.root();
    }
}
