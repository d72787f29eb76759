package io.attemptlake.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Redocly's linter ({@code @redocly/cli lint}, the recommended rules) on an OpenAPI document, as an
 * outside reader of the API would check it. Installed by test-support's build with npm.
 */
public final class OpenApiLint {

    private OpenApiLint() {
    }

    /** What the linter says, and whether it found an error (warnings pass). */
    public record Report(boolean passed, String output) {
    }

    public static Report lint(String document) {
        Path home = Path.of(System.getProperty("attemptlake.openapi-lint.home", "testing/test-support/openapi-lint"));
        Path cli = home.resolve("node_modules/@redocly/cli/bin/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: build test-support (it runs npm ci)");
        }
        try {
            Path file = Files.createTempFile("openapi", ".json");
            Files.writeString(file, document);
            ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "lint", "--config",
                    home.resolve("redocly.yaml").toString(), "--format", "stylish", file.toString())
                    .redirectErrorStream(true);
            // No network: no usage reports, no update check.
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the linter did not finish: " + output);
            }
            Files.deleteIfExists(file);
            return new Report(process.exitValue() == 0, output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
