package io.attemptlake.ingest.intake;

import io.attemptlake.ingest.idempotency.IdempotencyKey;
import io.attemptlake.ingest.idempotency.IdempotencyStore;
import io.attemptlake.web.apidocs.ProblemResponse;
import io.attemptlake.web.problem.ProblemException;
import io.attemptlake.ingest.publish.AssessmentPublisher;
import io.attemptlake.ingest.publish.PublishFailure;
import io.attemptlake.ingest.publish.PublishResult;
import io.attemptlake.ingest.tenant.Tenant;
import io.attemptlake.web.apikey.RequiresScope;
import io.attemptlake.web.apikey.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/assessments}: a tenant publishes attempts; all of them are written, or none. */
@Tag(name = "Assessments")
@ProblemResponse(status = 400, type = "invalid-records", when = "Some records break the rules; each is listed in errors, nothing is written.")
@ProblemResponse(status = 400, type = "malformed-json", when = "The body is not JSON, a JSON array or NDJSON.")
@ProblemResponse(status = 400, type = "empty-body", when = "The body is empty.")
@ProblemResponse(status = 400, type = "no-records", when = "The body holds no records (an empty array).")
@ProblemResponse(status = 400, type = "incomplete-body", when = "The request body could not be read to its end.")
@ProblemResponse(status = 400, type = "invalid-gzip", when = "The body is declared gzip but cannot be decompressed.")
@ProblemResponse(status = 400, type = "limit-exceeded", when = "The JSON nests deeper, or a record is larger, than allowed.")
@ProblemResponse(status = 400, type = "invalid-idempotency-key", when = "The Idempotency-Key is not 1 to 255 visible ASCII characters.")
@ProblemResponse(status = 409, type = "idempotency-key-in-progress", when = "A request with this Idempotency-Key is still in progress.")
@ProblemResponse(status = 413, type = "body-too-large", when = "The body, or its gzip-decoded form, is larger than allowed.")
@ProblemResponse(status = 415, type = "unsupported-media-type", when = "The Content-Type is not JSON or NDJSON.")
@ProblemResponse(status = 415, type = "unsupported-encoding", when = "The Content-Encoding is not gzip or identity.")
@ProblemResponse(status = 422, type = "idempotency-key-reused", when = "The Idempotency-Key was used for a different body.")
@ProblemResponse(status = 429, type = "rate-limited", when = "This tenant sends requests faster than it may; retry after Retry-After.")
@ProblemResponse(status = 503, type = "kafka-unavailable", when = "Kafka cannot take the records now; nothing was published. Retry after Retry-After.")
@ProblemResponse(status = 503, type = "outcome-unknown", when = "Kafka did not confirm the commit; retry with the same Idempotency-Key for a definite answer.")
@RestController
public class PublishAssessmentsAction {

    static final String PATH = "/api/v1/assessments";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final RecordBatchReader reader;
    private final AssessmentPublisher publisher;
    private final IdempotencyStore idempotency;
    private final IntakeProperties limits;
    private final MeterRegistry meters;

    public PublishAssessmentsAction(RecordBatchReader reader, AssessmentPublisher publisher,
                                    IdempotencyStore idempotency, IntakeProperties limits, MeterRegistry meters) {
        this.reader = reader;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.limits = limits;
        this.meters = meters;
    }

    @RequiresScope(Scope.INGEST)
    @Operation(summary = "Publish assessment attempts",
            description = "One JSON object, a JSON array of objects, or NDJSON (application/x-ndjson); optionally "
                    + "Content-Encoding: gzip. Every record is validated; if any is invalid the request is refused "
                    + "with the list of problems and nothing is written. Otherwise all records are written to "
                    + "Kafka in one transaction and the answer says where.",
            // The API key is the document's security scheme (Swagger UI's Authorize), not a parameter.
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, schema = @Schema(type = "string",
                        maxLength = 255, example = "3f0c8a52-8f5e-4c1e-9a57-2f1d0f6c9b1a"),
                        description = "Makes retries safe: the same key and body return the first answer "
                                + "without writing again (24 h window)")},
            responses = {
                @ApiResponse(responseCode = "201", description = "All records are durably in Kafka")})
    // produces: an Accept we cannot answer is refused (406) before anything is published, not after.
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PublishResult> publish(HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) throws IOException {
        Tenant tenant = Tenant.of(request);
        BodyFormat format = BodyFormat.of(request.getContentType());
        IdempotencyKey key = IdempotencyKey.parse(idempotencyKey);
        long declared = request.getContentLengthLong();
        if (declared > limits.maxRequestSize().toBytes()) {
            throw reader.translate(new LimitedInputStream.LimitExceeded(false, limits.maxRequestSize().toBytes()));
        }
        String requestId = UUID.randomUUID().toString();
        try (RecordBatch batch = read(tenant, format, request)) {
            PublishResult result;
            if (key == null) {
                result = publish(tenant, requestId, batch, null);
            } else {
                IdempotencyStore.Decision decision = claim(tenant, key, batch);
                if (decision instanceof IdempotencyStore.Replay replay) {
                    meters.counter("ingest.idempotency.replays", "tenant", tenant.id()).increment();
                    return created(replay.result(), true);
                }
                if (decision instanceof IdempotencyStore.Conflict) {
                    throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                            "Idempotency-Key reused", "This Idempotency-Key was already used for a different body.");
                }
                if (decision instanceof IdempotencyStore.InProgress) {
                    throw new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-progress", "Request in progress",
                            "A request with this Idempotency-Key is being processed; retry once it has finished.")
                            .header(HttpHeaders.RETRY_AFTER, "1");
                }
                IdempotencyStore.Proceed claim = (IdempotencyStore.Proceed) decision;
                try {
                    result = publish(tenant, requestId, batch, claim.companion());
                    idempotency.completed(claim, batch.fingerprint(), result);
                } finally {
                    idempotency.release(claim);
                }
            }
            meters.counter("ingest.records.accepted", "tenant", tenant.id()).increment(result.accepted());
            return created(result, false);
        }
    }

    private RecordBatch read(Tenant tenant, BodyFormat format, HttpServletRequest request) throws IOException {
        try {
            return reader.read(tenant, format, request.getHeader(HttpHeaders.CONTENT_ENCODING), request.getInputStream());
        } catch (ProblemException e) {
            Object invalid = e.property("invalidRecords");
            meters.counter("ingest.records.rejected", "tenant", tenant.id())
                    .increment(invalid instanceof Integer n ? n : 0);
            meters.counter("ingest.requests.rejected", "tenant", tenant.id(), "status", String.valueOf(e.status().value()))
                    .increment();
            throw e;
        }
    }

    private IdempotencyStore.Decision claim(Tenant tenant, IdempotencyKey key, RecordBatch batch) {
        try {
            // A retry's own earlier transaction may still be ending here: the key check must come after.
            publisher.settleInDoubt();
            return idempotency.claim(tenant, key, batch.fingerprint());
        } catch (IdempotencyStore.IdempotencyUnavailable e) {
            throw unavailable("kafka-unavailable", "Kafka unavailable",
                    "Idempotency keys cannot be checked right now (" + e.getMessage() + "); nothing was published.", true);
        } catch (PublishFailure f) {
            throw unavailable(f);
        }
    }

    private PublishResult publish(Tenant tenant, String requestId, RecordBatch batch, AssessmentPublisher.Companion companion) {
        try {
            return publisher.publish(tenant, requestId, batch.records(), companion);
        } catch (PublishFailure f) {
            throw unavailable(f);
        }
    }

    private ProblemException unavailable(PublishFailure f) {
        return f.outcomeKnown()
                ? unavailable("kafka-unavailable", "Kafka unavailable", f.getMessage() + "; nothing was published.", true)
                : unavailable("outcome-unknown", "Publish outcome unknown", f.getMessage()
                        + "; the records may or may not have been published. Retry with the same Idempotency-Key "
                        + "to get a definite answer without writing twice.", false);
    }

    private ProblemException unavailable(String slug, String title, String detail, boolean outcomeKnown) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, slug, title, detail)
                .with("outcomeKnown", outcomeKnown)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }

    private static ResponseEntity<PublishResult> created(PublishResult result, boolean replayed) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(result);
    }
}
