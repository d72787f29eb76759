package io.attemptlake.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.attemptlake.model.AnswerOption;
import io.attemptlake.model.AssessmentAttempt;
import io.attemptlake.model.Counts;
import io.attemptlake.model.Question;
import io.attemptlake.model.Samples;
import io.attemptlake.model.Sequences;
import io.attemptlake.model.json.AttemptReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The compiled rules say exactly what Hibernate Validator says of the same annotations. */
@Tag("fast")
@net.jqwik.api.Tag("fast")
class AttemptRulesTest {

    @Property(tries = 3_000)
    void judgeEveryRecordAsHibernateValidatorDoes(@ForAll("attempts") AssessmentAttempt attempt) {
        List<Violation> expected = HibernateRules.validate(attempt);

        assertThat(AttemptRules.violations(attempt)).isEqualTo(expected);
        assertThat(AttemptRules.holds(attempt)).isEqualTo(expected.isEmpty());
    }

    @Test
    void theRealRecordHoldsAndABrokenOneIsNamedRuleByRule() {
        AssessmentAttempt real = ((AttemptReader.Accepted) AttemptReader.read(
                Samples.realRecord().getBytes(StandardCharsets.UTF_8))).attempt();
        AssessmentAttempt broken = new AssessmentAttempt("a b", real.keenTimestamp(), "soon", null, " ", real.userExamId(),
                real.examName(), "1,0", real.certification(), real.sequences());

        assertThat(AttemptRules.holds(real)).isTrue();
        assertThat(AttemptRules.holds(broken)).isFalse();
        assertThat(AttemptRules.violations(broken)).containsExactly(
                new Violation("/base_exam_id", "must not be blank"),
                new Violation("/keen_created_at", "must be epoch seconds such as \"1516717442.735266\""),
                new Violation("/keen_id", "must match \"\\S+\""),
                new Violation("/max_attempts", "must be a decimal number such as \"1.0\""),
                new Violation("/started_at", "must not be null"));
    }

    @Provide
    Arbitrary<AssessmentAttempt> attempts() {
        Arbitrary<String> id = strings(128);
        Arbitrary<Sequences> sequences = Combinators.combine(id, ints(), questions(), counts().injectNull(0.1))
                .as(Sequences::new).injectNull(0.1);
        return Combinators.combine(List.of(
                        keenId().map(Object.class::cast), wire(WireType.EPOCH_SECONDS).map(Object.class::cast),
                        wire(WireType.EPOCH_SECONDS).map(Object.class::cast), wire(WireType.ISO_INSTANT).map(Object.class::cast),
                        id.map(Object.class::cast), id.map(Object.class::cast), strings(512).map(Object.class::cast),
                        wire(WireType.DECIMAL).map(Object.class::cast), wire(WireType.BOOLEAN).map(Object.class::cast),
                        sequences.map(Object.class::cast)))
                .as(v -> new AssessmentAttempt((String) v.get(0), (String) v.get(1), (String) v.get(2), (String) v.get(3),
                        (String) v.get(4), (String) v.get(5), (String) v.get(6), (String) v.get(7), (String) v.get(8),
                        (Sequences) v.get(9)));
    }

    private static Arbitrary<List<Question>> questions() {
        Arbitrary<Question> question = Combinators.combine(strings(128), bools(), bools(), bools(), strings(64), options())
                .as(Question::new);
        return sized(question, 1000);
    }

    private static Arbitrary<List<AnswerOption>> options() {
        Arbitrary<AnswerOption> option = Combinators.combine(strings(128), bools(), bools(), ints(), wire(WireType.ISO_INSTANT))
                .as(AnswerOption::new);
        return sized(option, 100);
    }

    /** Mostly a few elements, sometimes a null one, now and then one more than the limit. */
    private static <T> Arbitrary<List<T>> sized(Arbitrary<T> element, int max) {
        Arbitrary<List<T>> few = element.injectNull(0.05).list().ofMaxSize(4);
        Arbitrary<List<T>> overLimit = element.sample() == null ? few : Arbitraries.just(element).map(e -> {
            List<T> many = new ArrayList<>();
            T one = e.sample();
            for (int i = 0; i <= max; i++) {
                many.add(one);
            }
            return many;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, few), net.jqwik.api.Tuple.of(1, overLimit)).injectNull(0.1);
    }

    private static Arbitrary<Counts> counts() {
        return Combinators.combine(ints(), ints(), ints(), bools(), ints(), ints(), ints()).as(Counts::new);
    }

    private static Arbitrary<String> keenId() {
        return Arbitraries.oneOf(strings(128), Arbitraries.of("5a6745820eb8ab00016be1f1", "a b", "\t", "x\n",
                "a\u000Bb", "\f", "x\r", "\u00A0", "a\u2003b", "\u001C"));
    }

    private static Arbitrary<String> strings(int max) {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", " \t ", "\u0000", "x", "Learning Git", "日本語", "😀"),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(max - 1, max, max + 1).map("x"::repeat),
                Arbitraries.of(max / 2, max / 2 + 1).map("😀"::repeat)).injectNull(0.15);
    }

    private static Arbitrary<String> wire(WireType type) {
        Arbitrary<String> good = switch (type) {
            case ISO_INSTANT -> Arbitraries.of("2018-01-23T14:23:19.082Z", "2016-02-29T00:00:00+05:30", "2018-01-23T14:23:19Z");
            case EPOCH_SECONDS -> Arbitraries.of("1516717442.735266", "0", "12345678901.123456789");
            case DECIMAL -> Arbitraries.of("1.0", "-3", "123456789012345.5");
            case BOOLEAN -> Arbitraries.of("true", "false");
        };
        Arbitrary<String> bad = Arbitraries.of("", "soon", "2018-02-30T00:00:00Z", "1e9", "1,0", "yes", "True", " 1");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, good), net.jqwik.api.Tuple.of(3, bad)).injectNull(0.15);
    }

    private static Arbitrary<Integer> ints() {
        return Arbitraries.of(-99, -1, 0, 1, 2, 100).injectNull(0.2);
    }

    private static Arbitrary<Boolean> bools() {
        return Arbitraries.of(true, false).injectNull(0.2);
    }
}
