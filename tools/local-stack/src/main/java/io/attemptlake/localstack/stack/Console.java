package io.attemptlake.localstack.stack;

import java.io.PrintStream;

/** What a command tells its user; the bench's clean and down say nothing. */
record Console(PrintStream out) {

    static final Console QUIET = new Console(new PrintStream(PrintStream.nullOutputStream()));

    void say(String line) {
        out.println(line);
    }
}
