package io.attemptlake.ingest.intake;

import io.attemptlake.model.json.SkipChildren;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Hands the record's tokens to the model's reader and writes each one it hands out to {@code copy}:
 * the record is validated and compacted in the one pass over the body, never parsed twice. Every way
 * a parser advances goes through {@link #nextToken()} (Jackson's own matching shortcuts would pass
 * tokens by unseen), so what the reader consumed, unknown fields included, is what is copied.
 * Numbers are copied as their text: exact, and no BigDecimal to overflow on 9.9e9999999999.
 */
final class CompactingTee extends JsonParserDelegate {

    private final JsonGenerator copy;

    /** Starts at the parser's current token (the record's START_OBJECT), which is copied at once. */
    CompactingTee(JsonParser parser, JsonGenerator copy) {
        super(parser);
        this.copy = copy;
        write(parser.currentToken());
    }

    @Override
    public JsonToken nextToken() {
        JsonToken token = delegate.nextToken();
        if (token != null) {
            write(token);
        }
        return token;
    }

    private void write(JsonToken token) {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            copy.writeNumber(delegate.getString());
        } else {
            copy.copyCurrentEvent(delegate);
        }
    }

    @Override
    public JsonToken nextValue() {
        JsonToken token = nextToken();
        return token == JsonToken.PROPERTY_NAME ? nextToken() : token;
    }

    @Override
    public String nextName() {
        return nextToken() == JsonToken.PROPERTY_NAME ? currentName() : null;
    }

    @Override
    public boolean nextName(SerializableString expected) {
        return nextToken() == JsonToken.PROPERTY_NAME && expected.getValue().equals(currentName());
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        JsonToken token = nextToken();
        if (token == JsonToken.PROPERTY_NAME) {
            return matcher.matchName(currentName());
        }
        return token == JsonToken.END_OBJECT ? PropertyNameMatcher.MATCH_END_OBJECT : PropertyNameMatcher.MATCH_ODD_TOKEN;
    }

    @Override
    public JsonParser skipChildren() {
        SkipChildren.of(this);
        return this;
    }
}
