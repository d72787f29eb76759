package io.attemptlake.localstack.stack;

/** A reason the command cannot go on, said to the user as {@code pipeline: <message>} (exit 1). */
final class StackFailure extends RuntimeException {

    StackFailure(String message) {
        super(message);
    }
}
