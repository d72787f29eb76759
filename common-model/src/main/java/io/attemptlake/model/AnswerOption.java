package io.attemptlake.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.attemptlake.model.rules.WireFormat;
import io.attemptlake.model.rules.WireType;
import jakarta.validation.constraints.Size;

/**
 * One option of a question. Ragged on the wire: {@code at}, {@code submitted} (int 1) and
 * {@code correct} appear only on the options the user touched or that are correct.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnswerOption(
        @JsonProperty("id") @Size(max = 128) String id,
        @JsonProperty("checked") Boolean checked,
        @JsonProperty("correct") Boolean correct,
        @JsonProperty("submitted") Integer submitted,
        @JsonProperty("at") @WireFormat(WireType.ISO_INSTANT) String at) {
}
