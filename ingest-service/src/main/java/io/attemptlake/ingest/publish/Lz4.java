package io.attemptlake.ingest.publish;

import net.jpountz.lz4.LZ4Factory;

/**
 * Kafka compresses with lz4-java's {@code LZ4Factory.fastestInstance()}, which picks the JNI code
 * only when its library is already loaded or lz4-java sits on the system class loader. In the Boot
 * jar it is neither, so every batch went through the pure-Java compressor (18.6% of the ingest's
 * CPU). Loading the library once, before any producer exists, makes Kafka's choice native.
 */
final class Lz4 {

    private Lz4() {
    }

    /** Loads the native code if this platform has it; returns the implementation Kafka will use. */
    static synchronized String preferNative() {
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable unavailable) { // no library for this platform: the Java one is correct, only slower
            return LZ4Factory.fastestInstance() + " (native LZ4 unavailable: " + unavailable + ")";
        }
        return LZ4Factory.fastestInstance().toString();
    }
}
