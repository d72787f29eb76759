package io.attemptlake.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class WireTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"2018-01-23T14:23:19.082Z", "2018-01-23T14:23:19Z", "2018-01-23T14:23:19.123456789+01:00",
        "2016-02-29T00:00:00-05:30"})
    void acceptsIsoInstants(String value) {
        assertThat(WireType.ISO_INSTANT.accepts(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-01-23", "2018-01-23 14:23:19Z", "2018-01-23T14:23:19", "2018-02-30T00:00:00Z",
        "2017-02-29T00:00:00Z", "2018-01-23T24:00:00Z", "2018-01-23T23:59:60Z", "2018-01-23T14:23:19.Z",
        "２０18-01-23T14:23:19Z", "2018-01-23T14:23:19Z\n", ""})
    void rejectsWhatIsNotAnIsoInstant(String value) {
        assertThat(WireType.ISO_INSTANT.accepts(value)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1516717442.735266,2018-01-23T14:24:02.735266Z", "0,1970-01-01T00:00:00Z", "12.5,1970-01-01T00:00:12.500Z"})
    void parsesEpochSecondsExactly(String value, String expected) {
        assertThat(WireType.EPOCH_SECONDS.accepts(value)).isTrue();
        assertThat(WireType.EPOCH_SECONDS.parse(value)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e9", "1516717442.", ".5", "NaN", " 1"})
    void rejectsWhatIsNotEpochSeconds(String value) {
        assertThat(WireType.EPOCH_SECONDS.accepts(value)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1.0,1.0", "-3,-3.0", "0.25,0.25"})
    void parsesDecimals(String value, double expected) {
        assertThat(WireType.DECIMAL.accepts(value)).isTrue();
        assertThat(WireType.DECIMAL.parse(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "Infinity", "1,0", "+1", ""})
    void rejectsWhatIsNotADecimal(String value) {
        assertThat(WireType.DECIMAL.accepts(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"True", "FALSE", "0", "yes"})
    void acceptsOnlyLowercaseBooleans(String value) {
        assertThat(WireType.BOOLEAN.accepts(value)).isFalse();
        assertThat(WireType.BOOLEAN.accepts("true")).isTrue();
    }
}
