package io.attemptlake.ingest.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails the read that would go past {@code limit} bytes, before those bytes are processed. */
final class LimitedInputStream extends FilterInputStream {

    /** Thrown through the JSON parser and recognised on the other side. */
    static final class LimitExceeded extends IOException {
        final boolean decoded;

        LimitExceeded(boolean decoded, long limit) {
            super((decoded ? "decoded body" : "body") + " exceeds " + limit + " bytes");
            this.decoded = decoded;
        }
    }

    private final long limit;
    private final boolean decoded;
    private long count;

    LimitedInputStream(InputStream in, long limit, boolean decoded) {
        super(in);
        this.limit = limit;
        this.decoded = decoded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    private void add(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(decoded, limit);
        }
    }
}
