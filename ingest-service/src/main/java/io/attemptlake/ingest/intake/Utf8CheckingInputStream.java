package io.attemptlake.ingest.intake;

import io.attemptlake.model.json.Utf8;
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

    private final Utf8.Checker checker = new Utf8.Checker(); // common-model's, as the ETL's reader uses
    private final byte[] one = new byte[1];

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            one[0] = (byte) b;
            check(one, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            atEnd();
        } else {
            check(buf, off, n);
        }
        return n;
    }

    private void check(byte[] buf, int off, int len) throws InvalidUtf8 {
        if (checker.check(buf, off, len) >= 0) {
            throw new InvalidUtf8(checker.offset(), checker.problem());
        }
    }

    private void atEnd() throws InvalidUtf8 {
        if (!checker.complete()) {
            throw new InvalidUtf8(checker.offset(), "a multi-byte sequence cut by the end of the body");
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
