package io.attemptlake.etl.export;

import org.springframework.http.MediaType;

/** What an export is written as. */
public enum ExportFormat {
    /** One Parquet file, the lake's own column types (IANA's type for Parquet). */
    PARQUET("parquet", new MediaType("application", "vnd.apache.parquet")),
    /** RFC 4180 CSV with a header row; nested values as JSON, bytes as base64, as the query API answers. */
    CSV("csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));

    private final String extension;
    private final MediaType mediaType;

    ExportFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** CSV when the client accepts it, else Parquet. */
    public static ExportFormat forAccept(String accept) {
        return accept != null && accept.contains("text/csv") ? CSV : PARQUET;
    }
}
