package io.attemptlake.ingest.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through and fails on the first that is not well-formed UTF-8 (RFC 3629): overlong
 * forms, surrogates, code points past U+10FFFF, stray continuation bytes, a sequence cut by the end.
 * Jackson's parser decodes some of these leniently and would store a record other than the one sent.
 */
final class Utf8CheckingInputStream extends FilterInputStream {

    /** The body is not UTF-8 at {@code offset} (0-based byte of the decoded body). */
    static final class InvalidUtf8 extends IOException {
        final long offset;

        InvalidUtf8(long offset, String what) {
            super(what + " at byte " + offset);
            this.offset = offset;
        }
    }

    private long offset;
    private int pending;          // continuation bytes still expected
    private int low = 0x80;       // range allowed for the next continuation byte
    private int high = 0xBF;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            check(buf[off + i] & 0xFF);
        }
        return n;
    }

    private void check(int b) throws InvalidUtf8 {
        if (pending > 0) {
            if (b < low || b > high) {
                throw new InvalidUtf8(offset, "a broken multi-byte sequence");
            }
            pending--;
            low = 0x80;
            high = 0xBF;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
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
                throw new InvalidUtf8(offset, "a byte that cannot start a UTF-8 character (0x" + Integer.toHexString(b) + ")");
            }
        }
        offset++;
    }

    private void atEnd() throws InvalidUtf8 {
        if (pending > 0) {
            throw new InvalidUtf8(offset, "a multi-byte sequence cut by the end of the body");
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
