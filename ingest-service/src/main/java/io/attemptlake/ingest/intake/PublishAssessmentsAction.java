package io.attemptlake.ingest.intake;

import io.attemptlake.ingest.idempotency.IdempotencyKey;
import io.attemptlake.ingest.idempotency.IdempotencyStore;
import io.attemptlake.web.problem.ProblemException;
import io.attemptlake.ingest.publish.AssessmentPublisher;
import io.attemptlake.ingest.publish.PublishFailure;
import io.attemptlake.ingest.publish.PublishResult;
import io.attemptlake.ingest.tenant.ApiKeyInterceptor;
import io.attemptlake.ingest.tenant.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Publish assessment attempts",
            description = "One JSON object, a JSON array of objects, or NDJSON (application/x-ndjson); optionally "
                    + "Content-Encoding: gzip. Every record is validated; if any is invalid the request is refused "
                    + "with the list of problems and nothing is written. Otherwise all records are written to "
                    + "Kafka in one transaction and the answer says where.",
            parameters = {
                @Parameter(in = ParameterIn.HEADER, name = ApiKeyInterceptor.HEADER, required = true,
                        description = "The tenant's API key"),
                @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER,
                        description = "Makes retries safe: the same key and body return the first answer "
                                + "without writing again (24 h window)")},
            responses = {
                @ApiResponse(responseCode = "201", description = "All records are durably in Kafka"),
                @ApiResponse(responseCode = "400", description = "Invalid records or malformed body; nothing written"),
                @ApiResponse(responseCode = "401", description = "Missing or unknown API key"),
                @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is in progress"),
                @ApiResponse(responseCode = "413", description = "Body too large"),
                @ApiResponse(responseCode = "415", description = "Unsupported Content-Type or Content-Encoding"),
                @ApiResponse(responseCode = "422", description = "Idempotency-Key reused for a different body"),
                @ApiResponse(responseCode = "503", description = "Kafka unavailable; retry after Retry-After")})
    // produces: an Accept we cannot answer is refused (406) before anything is published, not after.
    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PublishResult> publish(HttpServletRequest request,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) throws IOException {
        Tenant tenant = ApiKeyInterceptor.tenantOf(request);
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
