package io.attemptlake.localstack.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the supervisor tells whether a port is taken and whether a process serves. */
final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\" *: *[1-9]");

    private Probes() {
    }

    static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Who listens on {@code port}, as {@code ss} names it; empty when it cannot tell. */
    static String listenerOf(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(5, TimeUnit.SECONDS);
            Matcher users = Pattern.compile("users:\\(\\(([^)]*)").matcher(out);
            return users.find() ? users.group(1) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void requireFree(int port) {
        if (portInUse(port)) {
            String who = listenerOf(port);
            throw new StackFailure("port " + port + " is already in use" + (who.isEmpty() ? "" : " by " + who)
                    + "; stop that process or move ours (PIPELINE_*_PORT)");
        }
    }

    /** A service is ready when its readiness group is UP (its Kafka, for the ingest; its warm engine, for the ETL). */
    static boolean healthy(int port) {
        return get("http://localhost:" + port + "/actuator/health/readiness") != null;
    }

    static boolean sparkMasterServes(int uiPort) {
        return get("http://127.0.0.1:" + uiPort + "/json/") != null;
    }

    static boolean sparkWorkersAlive(int uiPort) {
        String json = get("http://127.0.0.1:" + uiPort + "/json/");
        return json != null && ALIVE_WORKERS.matcher(json).find();
    }

    /** A node serves when its ready file names the process we started: a SIGKILLed node leaves its file behind. */
    static boolean nodeReady(StackProcesses processes, String name, Path readyFile) {
        var pid = processes.pidOf(name);
        try {
            return pid.isPresent() && Files.exists(readyFile)
                    && Files.readString(readyFile).trim().equals(String.valueOf(pid.getAsLong()));
        } catch (IOException e) {
            return false;
        }
    }

    private static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
