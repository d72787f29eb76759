package io.attemptlake.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attemptlake.model.rules.WireFormat;
import io.attemptlake.model.rules.WireType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One attempt of one user at one exam, as tenants send it (the W205 lab's record).
 *
 * <p>Top-level numbers, booleans and times travel as strings ("1.0", "false", "1516717442.735266");
 * the record keeps that wire form and {@link WireFormat} says how each one is typed downstream.
 * Unknown fields are tolerated here and kept byte-for-byte by the ingest, which forwards the
 * record as sent. Required: {@code exam_name}, {@code base_exam_id}, {@code user_exam_id} and a
 * parseable {@code started_at}; everything else is optional but must be well-formed when present.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssessmentAttempt(
        // Keen IO's event id: the attempt's identity when present (see AttemptIdentity).
        @JsonProperty("keen_id") @Pattern(regexp = "\\S+") @Size(max = 128) String keenId,
        @JsonProperty("keen_timestamp") @WireFormat(WireType.EPOCH_SECONDS) String keenTimestamp,
        @JsonProperty("keen_created_at") @WireFormat(WireType.EPOCH_SECONDS) String keenCreatedAt,
        @JsonProperty("started_at") @NotNull @WireFormat(WireType.ISO_INSTANT) String startedAt,
        @JsonProperty("base_exam_id") @NotBlank @Size(max = 128) String baseExamId,
        @JsonProperty("user_exam_id") @NotBlank @Size(max = 128) String userExamId,
        @JsonProperty("exam_name") @NotBlank @Size(max = 512) String examName,
        @JsonProperty("max_attempts") @WireFormat(WireType.DECIMAL) String maxAttempts,
        @JsonProperty("certification") @WireFormat(WireType.BOOLEAN) String certification,
        @JsonProperty("sequences") @Valid Sequences sequences) {
}
