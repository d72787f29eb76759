package io.attemptlake.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's headless Chromium for browser tests, installed by the project's own script if missing. */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    public static synchronized void ensureInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return;
        }
        // tools/local-stack/target → the repository's root → this module's script.
        Path root = LocalStackProcess.home().getParent().getParent().getParent();
        Path script = root.resolve("testing/test-support/ensure-chromium.sh");
        // Never the test JVM's own stdin and stdout: in a Surefire fork they are its channel to
        // Maven, and a child reading or writing them breaks the fork ("terminated without saying goodbye").
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "ensure-chromium.log");
        try {
            Process install = new ProcessBuilder("bash", script.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException(script + " could not install Chromium; its output: " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
