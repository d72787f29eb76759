package io.attemptlake.system.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The lake read as a data scientist without HDFS tools reads it: Parquet files over WebHDFS. */
final class WebHdfs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();

    private WebHdfs() {
    }

    /**
     * Copies a lake directory through WebHDFS, as a data scientist without HDFS tools would, as the
     * account that owns the local lake (the lake is closed to anonymous readers).
     */
    static void fetch(String webHdfs, String path, Path into) throws Exception {
        String as = "&user.name=" + System.getProperty("user.name");
        JsonNode listing = JSON.readTree(get(webHdfs + path + "?op=LISTSTATUS" + as));
        for (JsonNode status : listing.get("FileStatuses").get("FileStatus")) {
            String name = status.get("pathSuffix").asText();
            if (status.get("type").asText().equals("DIRECTORY")) {
                fetch(webHdfs, path + "/" + name, into.resolve(name));
            } else if (name.endsWith(".parquet")) {
                Files.createDirectories(into);
                HttpResponse<InputStream> file = HTTP.send(HttpRequest.newBuilder(URI.create(webHdfs + path + "/" + name
                        + "?op=OPEN" + as)).build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = file.body()) {
                    Files.copy(in, into.resolve(name));
                }
            }
        }
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
