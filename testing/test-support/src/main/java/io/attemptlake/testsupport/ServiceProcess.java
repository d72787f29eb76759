package io.attemptlake.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A service a test started as a child process (its real jar), waited for as ./pipeline waits: readiness UP. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess() {
    }

    /**
     * Returns once {@code baseUrl}'s readiness is UP; fails with the log if the process exits first or
     * {@code timeout} passes.
     */
    public static void awaitReady(String name, Process process, String baseUrl, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited:\n" + Files.readString(log));
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
