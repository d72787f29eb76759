package io.attemptlake.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.PositiveOrZero;

/** The attempt's tallies. Some lab records lack them; consumers must not assume they exist. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Counts(
        @JsonProperty("incomplete") @PositiveOrZero Integer incomplete,
        @JsonProperty("submitted") @PositiveOrZero Integer submitted,
        @JsonProperty("incorrect") @PositiveOrZero Integer incorrect,
        @JsonProperty("all_correct") Boolean allCorrect,
        @JsonProperty("correct") @PositiveOrZero Integer correct,
        @JsonProperty("total") @PositiveOrZero Integer total,
        @JsonProperty("unanswered") @PositiveOrZero Integer unanswered) {
}
