package io.attemptlake.model.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Well-formed UTF-8 (RFC 3629), checked byte by byte: no overlong forms, no UTF-16 surrogates,
 * nothing past U+10FFFF, no stray continuation bytes, no sequence cut short. Jackson decodes some
 * of these leniently, so a record judged by it alone could be stored as something other than what
 * was sent. A {@link Checker} follows a stream across buffers; {@link #firstInvalid} checks a whole array.
 */
public final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** The offset of the first byte that breaks UTF-8 in {@code bytes}, or -1 when all of it is well-formed. */
    public static long firstInvalid(byte[] bytes) {
        return firstInvalid(bytes, 0, bytes.length);
    }

    /** As {@link #firstInvalid(byte[])} for {@code len} bytes from {@code off}; the offset counts from {@code off}. */
    public static long firstInvalid(byte[] bytes, int off, int len) {
        Checker checker = new Checker();
        int at = checker.check(bytes, off, len);
        if (at >= 0) {
            return at - off;
        }
        return checker.complete() ? -1 : len;
    }

    /** The state of a check across buffers of one stream. */
    public static final class Checker {
        private long offset;          // bytes checked so far
        private int pending;          // continuation bytes still expected
        private int low = 0x80;       // range allowed for the next continuation byte
        private int high = 0xBF;
        private String problem;

        /**
         * Checks {@code len} more bytes of the stream.
         *
         * @return the index in {@code buf} of the first bad byte, or -1
         */
        public int check(byte[] buf, int off, int len) {
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (pending == 0) {
                    // ASCII, most of JSON, eight bytes at a time.
                    while (i + 8 <= end && (((long) LONGS.get(buf, i)) & 0x8080808080808080L) == 0) {
                        i += 8;
                    }
                    if (i == end) {
                        break;
                    }
                }
                int b = buf[i] & 0xFF;
                if (pending == 0 && b < 0x80) {
                    continue;
                }
                if (!next(b)) {
                    offset += i - off;
                    return i;
                }
            }
            offset += len;
            return -1;
        }

        private boolean next(int b) {
            if (pending > 0) {
                if (b < low || b > high) {
                    problem = "a broken multi-byte sequence";
                    return false;
                }
                pending--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
                high = b == 0xED ? 0x9F : 0xBF; // no UTF-16 surrogates
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
            } else {
                problem = "a byte that cannot start a UTF-8 character (0x" + Integer.toHexString(b) + ")";
                return false;
            }
            return true;
        }

        /** At the end of the stream: false when a multi-byte sequence was left unfinished. */
        public boolean complete() {
            if (pending > 0) {
                problem = "a multi-byte sequence cut by the end";
                return false;
            }
            return true;
        }

        /** Bytes checked before the first bad one (its offset in the stream, once one was found). */
        public long offset() {
            return offset;
        }

        /** What was wrong with the first bad byte, or null. */
        public String problem() {
            return problem;
        }
    }
}
