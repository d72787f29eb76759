package io.attemptlake.model.json;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * {@link JacksonBinding}'s way to see repeated keys, as the reader had it before {@link RepeatedKeys}:
 * a parser delegate that notices an object key that repeats, without failing the parse. Jackson's own strict detection
 * throws from inside the parser and leaves it unable to go on, so a request could not be read past
 * the bad record; here the record is read to its end and then rejected, and the next one is read.
 * Every way a parser advances passes through {@link #seen}, so unknown fields skipped by the
 * binder are checked as well.
 */
final class DuplicateKeys extends JsonParserDelegate {

    private final String base; // the record's own pointer in the stream, e.g. /3 in an array
    private final List<List<String>> names = new ArrayList<>(); // per open object, the keys so far
    private int depth;
    private String duplicate;
    private String pointer;

    /** Starts at the parser's current token, which opens the record found at {@code base}. */
    DuplicateKeys(JsonParser parser, String base) {
        super(parser);
        this.base = base;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            open();
        }
    }

    /** The first key seen twice in one object, or null. */
    String duplicate() {
        return duplicate;
    }

    /** Where it was (RFC 6901), in the record. */
    String pointer() {
        return pointer;
    }

    /** Where the parser is now, in the record. */
    String pointerHere() {
        String here = delegate.streamReadContext().pathAsPointer().toString();
        return here.startsWith(base) ? here.substring(base.length()) : here;
    }

    @Override
    public JsonToken nextToken() {
        return seen(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() {
        JsonToken t = nextToken();
        return t == JsonToken.PROPERTY_NAME ? nextToken() : t;
    }

    @Override
    public String nextName() {
        String name = delegate.nextName();
        seen(delegate.currentToken());
        return name;
    }

    @Override
    public boolean nextName(SerializableString expected) {
        boolean matched = delegate.nextName(expected);
        seen(delegate.currentToken());
        return matched;
    }

    @Override
    public int nextNameMatch(PropertyNameMatcher matcher) {
        int match = delegate.nextNameMatch(matcher);
        seen(delegate.currentToken());
        return match;
    }

    @Override
    public JsonParser skipChildren() {
        SkipChildren.of(this);
        return this;
    }

    private JsonToken seen(JsonToken t) {
        if (t == JsonToken.START_OBJECT) {
            open();
        } else if (t == JsonToken.END_OBJECT) {
            depth--;
        } else if (t == JsonToken.PROPERTY_NAME && depth > 0) {
            String name = delegate.currentName();
            List<String> keys = names.get(depth - 1);
            if (duplicate == null && keys.contains(name)) {
                duplicate = name;
                pointer = pointerHere();
            }
            keys.add(name);
        }
        return t;
    }

    private void open() {
        if (names.size() == depth) {
            names.add(new ArrayList<>(12));
        }
        names.get(depth++).clear();
    }
}
