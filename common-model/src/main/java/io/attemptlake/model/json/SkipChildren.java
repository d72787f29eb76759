package io.attemptlake.model.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * {@code skipChildren} for parser delegates that must see every token: Jackson's own skips inside
 * the underlying parser, past the delegate.
 */
public final class SkipChildren {

    private SkipChildren() {
    }

    /** Advances {@code parser} by its own {@code nextToken()} to the end of the structure it is at. */
    public static void of(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        int open = 1;
        while (open > 0) {
            JsonToken next = parser.nextToken();
            if (next == null) {
                return;
            }
            if (next.isStructStart()) {
                open++;
            } else if (next.isStructEnd()) {
                open--;
            }
        }
    }
}
