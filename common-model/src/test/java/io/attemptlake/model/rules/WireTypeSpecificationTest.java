package io.attemptlake.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The hand-written scanners against their specification: the regex, plus java.time's calendar for
 * instants. Strings are drawn close to each format (a digit or separator changed, a part dropped or
 * repeated) so that the edges are where most of them land.
 */
@Tag("fast")
class WireTypeSpecificationTest {

    @Property(tries = 20_000)
    void isoInstantsAreAcceptedAndParsedAsTheSpecificationSays(@ForAll("nearInstants") String value) {
        assertAgrees(WireType.ISO_INSTANT, value);
    }

    @Property(tries = 10_000)
    void epochSecondsAreAcceptedAndParsedAsTheSpecificationSays(@ForAll("nearNumbers") String value) {
        assertAgrees(WireType.EPOCH_SECONDS, value);
    }

    @Property(tries = 10_000)
    void decimalsAreAcceptedAndParsedAsTheSpecificationSays(@ForAll("nearNumbers") String value) {
        assertAgrees(WireType.DECIMAL, value);
    }

    @Property(tries = 2_000)
    void booleansAreAcceptedAsTheSpecificationSays(@ForAll("nearBooleans") String value) {
        assertAgrees(WireType.BOOLEAN, value);
    }

    private static void assertAgrees(WireType type, String value) {
        boolean specified = Pattern.compile(type.regex()).matcher(value).matches() && calendarAccepts(type, value);
        assertThat(type.accepts(value)).as("%s accepts %s", type, value).isEqualTo(specified);
        if (specified) {
            assertThat(type.parse(value)).as("%s parses %s", type, value).isEqualTo(specifiedValue(type, value));
        }
    }

    private static boolean calendarAccepts(WireType type, String value) {
        if (type != WireType.ISO_INSTANT) {
            return true;
        }
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Object specifiedValue(WireType type, String value) {
        return switch (type) {
            case ISO_INSTANT -> OffsetDateTime.parse(value).toInstant();
            case EPOCH_SECONDS -> {
                BigDecimal seconds = new BigDecimal(value);
                long whole = seconds.longValue();
                yield Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
            }
            case DECIMAL -> Double.valueOf(value);
            case BOOLEAN -> Boolean.valueOf(value);
        };
    }

    @Provide
    Arbitrary<String> nearInstants() {
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y));
        Arbitrary<String> month = Arbitraries.integers().between(0, 13).map(m -> String.format("%02d", m));
        Arbitrary<String> day = Arbitraries.integers().between(0, 32).map(d -> String.format("%02d", d));
        Arbitrary<String> hour = Arbitraries.integers().between(0, 25).map(h -> String.format("%02d", h));
        Arbitrary<String> minute = Arbitraries.integers().between(0, 61).map(m -> String.format("%02d", m));
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(11)
                .map(f -> f.isEmpty() ? "" : "." + f);
        Arbitrary<String> offset = Arbitraries.oneOf(Arbitraries.just("Z"), Arbitraries.just("z"), Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("+", "-"), hour, minute).as((s, h, m) -> s + h + ":" + m));
        Arbitrary<String> wellShaped = Combinators.combine(year, month, day, hour, minute, minute, fraction, offset)
                .as((y, mo, d, h, mi, s, f, o) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + o);
        return Arbitraries.oneOf(wellShaped, wellShaped.flatMap(WireTypeSpecificationTest::mutate),
                Arbitraries.strings().ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> nearNumbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(17);
        Arbitrary<String> wellShaped = Combinators.combine(Arbitraries.of("", "-", "+"), digits, Arbitraries.of("", ".", "."),
                digits).as((s, a, dot, b) -> s + a + (dot.isEmpty() ? "" : dot + b));
        return Arbitraries.oneOf(wellShaped, wellShaped.flatMap(WireTypeSpecificationTest::mutate),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> nearBooleans() {
        return Arbitraries.oneOf(Arbitraries.of("true", "false", "True", "FALSE", "", "truee", "fals", " true"),
                Arbitraries.of("true", "false").flatMap(WireTypeSpecificationTest::mutate));
    }

    /** One character replaced, inserted or removed somewhere. */
    private static Arbitrary<String> mutate(String s) {
        if (s.isEmpty()) {
            return Arbitraries.just(s);
        }
        Arbitrary<Integer> at = Arbitraries.integers().between(0, s.length() - 1);
        Arbitrary<Character> c = Arbitraries.of('0', '9', '-', ':', '.', 'T', 'Z', '+', ' ', '\n', '٣', 'a');
        return Combinators.combine(at, c, Arbitraries.integers().between(0, 2)).as((i, ch, kind) -> switch (kind) {
            case 0 -> s.substring(0, i) + ch + s.substring(i + 1);
            case 1 -> s.substring(0, i) + ch + s.substring(i);
            default -> s.substring(0, i) + s.substring(i + 1);
        });
    }
}
