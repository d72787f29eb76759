package io.attemptlake.model.rules;

/** One reason a record is unusable: where (RFC 6901 JSON pointer into the record) and why. */
public record Violation(String pointer, String reason) {
}
