package io.attemptlake.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The checker agrees with the JDK's strict UTF-8 decoder, on any bytes, read in any split. */
@Tag("fast")
@net.jqwik.api.Tag("fast")
class Utf8Test {

    @Property(tries = 5_000)
    void acceptsExactlyWhatTheJdksStrictDecoderAccepts(@ForAll("nearlyText") byte[] bytes) {
        assertThat(Utf8.firstInvalid(bytes) < 0).isEqualTo(decodes(bytes));
    }

    @Property(tries = 2_000)
    void givesTheSameAnswerWhateverTheBuffersAStreamComesIn(@ForAll("nearlyText") byte[] bytes,
                                                            @ForAll("splits") int split) {
        Utf8.Checker checker = new Utf8.Checker();
        int cut = Math.min(split, bytes.length);
        boolean valid = checker.check(bytes, 0, cut) < 0 && checker.check(bytes, cut, bytes.length - cut) < 0
                && checker.complete();
        assertThat(valid).isEqualTo(decodes(bytes));
    }

    @Test
    void pointsAtTheFirstBadByte() {
        byte[] bytes = "{\"exam\":\"Caf\u00e9 plus a long ASCII tail to skip\"}".getBytes(StandardCharsets.UTF_8);
        bytes[20] = (byte) 0xFF;
        assertThat(Utf8.firstInvalid(bytes)).isEqualTo(20);
        assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xC3})).isEqualTo(2); // cut short at the end
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(1); // a surrogate
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<byte[]> nearlyText() {
        Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
        return text.flatMap(t -> Arbitraries.integers().between(0, 3).flatMap(n -> Arbitraries.integers().between(0, 255)
                .list().ofSize(n).map(noise -> {
                    byte[] out = t.clone();
                    for (int i = 0; i < noise.size() && out.length > 0; i++) {
                        out[(noise.get(i) * 7 + i) % out.length] = noise.get(i).byteValue();
                    }
                    return out;
                })));
    }

    @Provide
    Arbitrary<Integer> splits() {
        return Arbitraries.integers().between(0, 40);
    }
}
