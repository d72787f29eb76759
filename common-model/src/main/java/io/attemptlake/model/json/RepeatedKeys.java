package io.attemptlake.model.json;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * The first key that an object of one record repeats, noticed without failing the parse. Jackson's
 * own strict detection throws from inside the parser and leaves it unable to go on, so a request
 * could not be read past the bad record; here the record is read to its end, then rejected. The
 * binder tells repeats of known keys by a bit per component, so a valid record costs nothing here;
 * only unknown keys, and the objects inside unknown fields, keep their names.
 */
final class RepeatedKeys {

    private final int depth; // the record's own nesting depth: pointers start below it
    private String key;
    private String pointer;

    /** For the record whose object is the parser's current context. */
    RepeatedKeys(JsonParser parser) {
        this.depth = parser.streamReadContext().getNestingDepth();
    }

    /** The first key seen twice in one object, or null. */
    String key() {
        return key;
    }

    /** Where it was (RFC 6901), in the record. */
    String pointer() {
        return pointer;
    }

    /** At a key the object has already had. */
    void repeated(JsonParser p) {
        if (key == null) {
            key = p.currentName();
            pointer = pointer(p.streamReadContext());
        }
    }

    /** At an unknown key: notes it in the object's list of unknown keys (made when first needed), returned. */
    List<String> add(List<String> unknown, JsonParser p) {
        String name = p.currentName();
        if (unknown == null) {
            unknown = new ArrayList<>(4);
        } else if (unknown.contains(name)) {
            repeated(p);
        }
        unknown.add(name);
        return unknown;
    }

    /** Skips the value at the parser's current token, noting a key repeated in any object inside it. */
    void skip(JsonParser p) {
        if (!p.currentToken().isStructStart()) {
            return;
        }
        List<List<String>> open = new ArrayList<>(); // per open structure, its keys (null for an array)
        open.add(p.currentToken() == JsonToken.START_OBJECT ? new ArrayList<>() : null);
        while (!open.isEmpty()) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // the parser reports the cut
            }
            if (t.isStructStart()) {
                open.add(t == JsonToken.START_OBJECT ? new ArrayList<>() : null);
            } else if (t.isStructEnd()) {
                open.remove(open.size() - 1);
            } else if (t == JsonToken.PROPERTY_NAME) {
                List<String> names = open.get(open.size() - 1);
                if (names.contains(p.currentName())) {
                    repeated(p);
                }
                names.add(p.currentName());
            }
        }
    }

    /** The pointer of the parser's place, from the record down: a key for an object, an index for an array. */
    private String pointer(TokenStreamContext context) {
        StringBuilder out = new StringBuilder();
        for (TokenStreamContext c = context; c != null && c.getNestingDepth() >= depth; c = c.getParent()) {
            String segment = c.inObject()
                    ? c.currentName().replace("~", "~0").replace("/", "~1")
                    : Integer.toString(c.getCurrentIndex());
            out.insert(0, segment).insert(0, '/');
        }
        return out.toString();
    }
}
