package io.attemptlake.ingest.intake;

import io.attemptlake.ingest.publish.RecordSpool;
import io.attemptlake.model.topic.AssessmentsTopic;
import io.attemptlake.web.problem.ProblemException;
import io.attemptlake.ingest.tenant.Tenant;
import io.attemptlake.model.json.AttemptReader;
import io.attemptlake.model.rules.Violation;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a request body record by record with Jackson's streaming parser, never the whole body in
 * memory. Each record is read once: the model's reader validates it from the token stream while
 * {@link CompactingTee} copies the same tokens (numbers exactly as sent, whitespace dropped, unknown
 * fields kept), and the copy is spooled with its Kafka key. Any invalid record fails the whole
 * request with the list of what is wrong, where.
 */
@Component
public class RecordBatchReader {

    private final IntakeProperties limits;
    private final JsonFactory json;
    private final Path spillDir = Path.of(System.getProperty("java.io.tmpdir"));

    public RecordBatchReader(IntakeProperties limits) {
        this.limits = limits;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength((int) limits.maxRecordSize().toBytes())
                        .maxNameLength(1024)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /**
     * @param contentEncoding the request's Content-Encoding (null, identity or gzip)
     * @throws ProblemException 400 (malformed, invalid records), 413 (too large), 415 (encoding)
     */
    public RecordBatch read(Tenant tenant, BodyFormat format, String contentEncoding, InputStream body) {
        MessageDigest digest = sha256();
        RecordSpool spool = new RecordSpool(limits.spoolMemory().toBytes(), spillDir);
        try (InputStream in = new DigestInputStream(new Utf8CheckingInputStream(decoded(contentEncoding, body)), digest);
             JsonParser parser = json.createParser(ObjectReadContext.empty(), in)) {
            Pass pass = new Pass(tenant, parser, spool);
            if (format == BodyFormat.NDJSON) {
                pass.readNdjson();
            } else {
                pass.readJson();
            }
            pass.finish();
            return new RecordBatch(spool, HexFormat.of().formatHex(digest.digest()));
        } catch (ProblemException e) {
            spool.close();
            throw e;
        } catch (JacksonException | IOException e) {
            spool.close();
            throw translate(e);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private InputStream decoded(String contentEncoding, InputStream body) throws IOException {
        InputStream wire = new LimitedInputStream(body, limits.maxRequestSize().toBytes(), false);
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> wire;
            case "gzip", "x-gzip" -> new LimitedInputStream(new GZIPInputStream(wire, 1 << 16),
                    limits.maxDecodedSize().toBytes(), true);
            default -> throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding",
                    "Unsupported content encoding",
                    "The Content-Encoding '" + contentEncoding + "' is not accepted; send gzip or no encoding.")
                    .header("Accept-Encoding", "gzip");
        };
    }

    /** One pass over one body. */
    private final class Pass {
        private final Tenant tenant;
        private final JsonParser parser;
        private final RecordSpool spool;
        private final List<RecordError> errors = new ArrayList<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        private int index;
        private int invalid;
        private int lastEndLine;
        private int totalErrors;

        Pass(Tenant tenant, JsonParser parser, RecordSpool spool) {
            this.tenant = tenant;
            this.parser = parser;
            this.spool = spool;
        }

        void readNdjson() {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw empty();
            }
            for (; token != null; token = parser.nextToken()) {
                record(true);
            }
        }

        void readJson() {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw empty();
            }
            if (token == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    record(false);
                }
            } else if (token == JsonToken.START_OBJECT) {
                record(false);
            } else {
                throw malformed("The body must be a JSON object or an array of objects.", parser.currentTokenLocation());
            }
            if (parser.nextToken() != null) {
                throw malformed("Unexpected content after the end of the JSON value; "
                        + "for one record per line use Content-Type application/x-ndjson.", parser.currentTokenLocation());
            }
        }

        private void record(boolean ndjson) {
            int line = parser.currentTokenLocation().getLineNr();
            int i = index++;
            if (ndjson && line <= lastEndLine) {
                skip();
                error(i, line, "", "NDJSON needs each record on a line of its own");
                return;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                skip();
                error(i, line, "", "must be a JSON object");
                return;
            }
            buffer.reset();
            AttemptReader.Result result;
            try (JsonGenerator copy = json.createGenerator(ObjectWriteContext.empty(), buffer)) {
                result = AttemptReader.read(new CompactingTee(parser, copy));
            }
            lastEndLine = parser.currentLocation().getLineNr();
            if (ndjson && lastEndLine != line) {
                error(i, line, "", "an NDJSON record must fit on one line");
                return;
            }
            if (buffer.size() > limits.maxRecordSize().toBytes()) {
                error(i, line, "", "the record is " + buffer.size() + " bytes; at most "
                        + limits.maxRecordSize().toBytes() + " are accepted");
                return;
            }
            if (result instanceof AttemptReader.Rejected rejected) {
                invalid++;
                for (Violation v : rejected.violations()) {
                    addError(new RecordError(i, line, v.pointer(), v.reason()));
                }
            } else if (invalid == 0) { // once the request is lost, keep checking but stop spooling
                AttemptReader.Accepted accepted = (AttemptReader.Accepted) result;
                spool.add(AssessmentsTopic.key(tenant.id(), accepted.attempt()).getBytes(StandardCharsets.UTF_8),
                        buffer.toByteArray());
            }
        }

        private void skip() {
            lastEndLine = parser.currentTokenLocation().getLineNr();
            parser.skipChildren();
            lastEndLine = parser.currentLocation().getLineNr();
        }

        private void error(int i, int line, String pointer, String reason) {
            invalid++;
            addError(new RecordError(i, line, pointer, reason));
        }

        private void addError(RecordError error) {
            totalErrors++;
            if (errors.size() < limits.maxErrors()) {
                errors.add(error);
            }
        }

        void finish() {
            if (invalid > 0) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-records", "Invalid records",
                        invalid + " of " + index + " records are invalid; nothing of this request was published.")
                        .with("invalidRecords", invalid)
                        .with("totalRecords", index)
                        .with("errors", errors)
                        .with("errorsTruncated", totalErrors > errors.size());
            }
            if (index == 0) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "no-records", "No records",
                        "The body holds no records.");
            }
        }
    }

    private static ProblemException empty() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "empty-body", "Empty body", "The request body is empty.");
    }

    private static ProblemException malformed(String detail, TokenStreamLocation where) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                detail + at(where))
                .with("line", where.getLineNr())
                .with("column", where.getColumnNr());
    }

    private static String at(TokenStreamLocation where) {
        return where == null || where.getLineNr() < 0 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    /** Maps what went wrong while reading to the client's problem. */
    ProblemException translate(Exception e) {
        Throwable cause = e instanceof JacksonIOException io && io.getCause() != null ? io.getCause() : e;
        if (cause instanceof LimitedInputStream.LimitExceeded limit) {
            return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
                    (limit.decoded ? "The decompressed body exceeds " + limits.maxDecodedSize()
                            : "The body exceeds " + limits.maxRequestSize()) + "; send fewer records per request.")
                    .with("maxRequestBytes", limits.maxRequestSize().toBytes())
                    .with("maxDecodedBytes", limits.maxDecodedSize().toBytes());
        }
        if (cause instanceof Utf8CheckingInputStream.InvalidUtf8 invalid) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-utf8", "Invalid UTF-8",
                    "The body is not valid UTF-8: " + invalid.getMessage() + ".")
                    .with("byteOffset", invalid.offset);
        }
        if (cause instanceof ZipException || (cause instanceof EOFException && cause.getMessage() != null
                && cause.getMessage().contains("ZLIB"))) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-gzip", "Invalid gzip body",
                    "The body is declared gzip but cannot be decompressed: " + cause.getMessage() + ".");
        }
        if (cause instanceof StreamConstraintsException limit) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "limit-exceeded", "JSON exceeds a limit",
                    limit.getOriginalMessage() + at(limit.getLocation()));
        }
        if (cause instanceof UnexpectedEndOfInputException eof) {
            return malformed("The body ends in the middle of a JSON value: " + eof.getOriginalMessage(), eof.getLocation());
        }
        if (cause instanceof StreamReadException read) {
            String message = read.getOriginalMessage();
            if (message != null && message.contains("UTF-8")) {
                return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-utf8", "Invalid UTF-8",
                        "The body is not valid UTF-8: " + message + at(read.getLocation()));
            }
            return malformed(message, read.getLocation());
        }
        // The client went away or the body stopped midway.
        return new ProblemException(HttpStatus.BAD_REQUEST, "incomplete-body", "Incomplete body",
                "The request body could not be read to its end.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
