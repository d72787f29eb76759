package io.attemptlake.ingest.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one record of a request was refused.
 *
 * @param index   0-based position of the record in the request (array element or NDJSON record)
 * @param line    1-based line where it starts (NDJSON: its line number)
 * @param pointer RFC 6901 pointer to the offending field within the record ("" = the whole record)
 * @param reason  what is wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordError(int index, Integer line, String pointer, String reason) {
}
