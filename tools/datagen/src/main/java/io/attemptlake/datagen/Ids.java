package io.attemptlake.datagen;

import java.util.SplittableRandom;

/** Identifiers in the lab's formats, drawn from the seeded random source. */
final class Ids {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    /** A random (version 4) UUID, like user_exam_id and question/option ids. */
    static String uuid(SplittableRandom random) {
        return format(random.nextLong(), random.nextLong(), '4');
    }

    /** A time-based (version 1) looking UUID, like base_exam_id. */
    static String timeUuid(SplittableRandom random) {
        return format(random.nextLong(), random.nextLong(), '1');
    }

    /** 24 hex digits, like Keen IO's event ids. */
    static String keenId(SplittableRandom random) {
        StringBuilder sb = new StringBuilder(24);
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 16; i++) {
            sb.append(HEX[(int) (a >>> (60 - 4 * i)) & 0xf]);
        }
        for (int i = 0; i < 8; i++) {
            sb.append(HEX[(int) (b >>> (60 - 4 * i)) & 0xf]);
        }
        return sb.toString();
    }

    private static String format(long hi, long lo, char version) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 8 || i == 12) {
                sb.append('-');
            }
            sb.append(i == 12 ? version : HEX[(int) (hi >>> (60 - 4 * i)) & 0xf]);
        }
        for (int i = 0; i < 16; i++) {
            if (i == 0 || i == 4) {
                sb.append('-');
            }
            sb.append(i == 0 ? HEX[8 + ((int) (lo >>> 60) & 0x3)] : HEX[(int) (lo >>> (60 - 4 * i)) & 0xf]);
        }
        return sb.toString();
    }
}
