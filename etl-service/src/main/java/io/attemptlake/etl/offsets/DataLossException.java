package io.attemptlake.etl.offsets;

/** The topic lost messages the lake had not landed yet, or no longer matches the lake. */
public class DataLossException extends RuntimeException {

    public DataLossException(String message) {
        super(message);
    }
}
