package io.attemptlake.ingest.intake;

import io.attemptlake.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** How the records are laid out in a request body, from its Content-Type. */
public enum BodyFormat {

    /** One JSON object, or a JSON array of them (the lab's file as it is). */
    JSON,
    /** One JSON object per line ({@code application/x-ndjson}). */
    NDJSON;

    public static final MediaType NDJSON_TYPE = MediaType.parseMediaType("application/x-ndjson");
    private static final String ACCEPTED = "application/json or application/x-ndjson (UTF-8)";

    public static BodyFormat of(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("The Content-Type header is missing; send " + ACCEPTED + ".");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw unsupported("The Content-Type '" + contentType + "' cannot be parsed; send " + ACCEPTED + ".");
        }
        // RFC 8259: JSON exchanged between systems is UTF-8.
        if (type.getCharset() != null && !StandardCharsets.UTF_8.equals(type.getCharset())) {
            throw unsupported("Only UTF-8 is accepted, not " + type.getCharset() + ".");
        }
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return JSON;
        }
        if (NDJSON_TYPE.equalsTypeAndSubtype(type)) {
            return NDJSON;
        }
        throw unsupported("The Content-Type '" + type.getType() + "/" + type.getSubtype()
                + "' is not accepted; send " + ACCEPTED + ".");
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", detail)
                .header("Accept-Post", "application/json, application/x-ndjson");
    }
}
