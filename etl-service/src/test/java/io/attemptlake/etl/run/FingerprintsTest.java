package io.attemptlake.etl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

@Tag("fast")
class FingerprintsTest {

    /** Built, merged and asked in any order, it answers as a set of the keys would. */
    @Property(tries = 300)
    void holdsExactlyTheKeysAddedToIt(@ForAll @Size(max = 300) List<@StringLength(max = 12) String> landed,
                                      @ForAll @Size(max = 100) List<@StringLength(max = 12) String> added,
                                      @ForAll @Size(max = 100) List<@StringLength(max = 12) String> asked) {
        Fingerprints index = of(landed).with(of(added));
        Set<String> expected = new HashSet<>(landed);
        expected.addAll(added);

        assertThat(index.size()).isEqualTo(expected.size());
        for (String key : concat(asked, landed, added)) {
            assertThat(index.contains(Fingerprints.of(key))).as(key).isEqualTo(expected.contains(key));
        }
    }

    private static Fingerprints of(List<String> keys) {
        Fingerprints.Builder builder = new Fingerprints.Builder();
        keys.forEach(builder::add);
        return builder.build();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
