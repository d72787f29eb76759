package io.attemptlake.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One question of an attempt, with the user's outcome ("correct", "incorrect", "missed_some", ...). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Question(
        @JsonProperty("id") @Size(max = 128) String id,
        @JsonProperty("user_incomplete") Boolean userIncomplete,
        @JsonProperty("user_correct") Boolean userCorrect,
        @JsonProperty("user_submitted") Boolean userSubmitted,
        @JsonProperty("user_result") @Size(max = 64) String userResult,
        @JsonProperty("options") @Size(max = 100) List<@NotNull @Valid AnswerOption> options) {
}
