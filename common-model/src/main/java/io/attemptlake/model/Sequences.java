package io.attemptlake.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The answered sequence of one attempt. Every field is optional: lab records lack some of them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sequences(
        @JsonProperty("id") @Size(max = 128) String id,
        @JsonProperty("attempt") @PositiveOrZero Integer attempt,
        @JsonProperty("questions") @Size(max = 1000) List<@NotNull @Valid Question> questions,
        @JsonProperty("counts") @Valid Counts counts) {
}
