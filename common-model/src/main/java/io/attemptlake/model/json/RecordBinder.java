package io.attemptlake.model.json;

import io.attemptlake.model.rules.ModelFields;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;

/**
 * Binds one of the model's records from a token stream, strictly, straight into its canonical
 * constructor. Jackson's databind did this through its creator machinery, a per-property hash
 * lookup, a value buffer and a deserializer per type: over half of reading a record. The field
 * table comes from {@link ModelFields}, so the model's classes stay the only declaration.
 *
 * <p>The binding is Jackson's strict one, and {@code RecordBinderTest} holds it to that: a string
 * field takes any scalar as its JSON text; an {@code Integer} only an integer that fits; a
 * {@code Boolean} only {@code true}/{@code false}; null is null; unknown fields are skipped.
 * The first value of a wrong type ends the binding with a {@link WrongType}.
 */
final class RecordBinder {

    private enum Kind { STRING, INTEGER, BOOLEAN, RECORD, RECORD_LIST }

    /** One component: how its value is read, its pointer segment, and the binder of its records. */
    private record Slot(Kind kind, String segment, RecordBinder nested) {
    }

    private final PropertyNameMatcher names;
    private final Slot[] slots;
    private final MethodHandle create; // (Object[]) -> Object, the canonical constructor spread once

    private RecordBinder(Class<?> type) {
        List<ModelFields.Field> fields = ModelFields.of(type);
        if (fields.size() > Long.SIZE) {
            throw new IllegalStateException(type + " has more components than RecordBinder's seen-mask holds");
        }
        slots = new Slot[fields.size()];
        List<Named> named = new ArrayList<>();
        Class<?>[] types = new Class<?>[fields.size()];
        for (int i = 0; i < slots.length; i++) {
            ModelFields.Field field = fields.get(i);
            slots[i] = slot(type, field);
            named.add(Named.fromString(field.jsonName()));
            types[i] = field.type();
        }
        names = JsonFactory.builder().build().constructNameMatcher(named, false);
        try {
            create = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no canonical constructor on " + type, e);
        }
    }

    /** The binder of a model record and, nested, of the records it holds (the model is a tree). */
    static RecordBinder of(Class<?> type) {
        return new RecordBinder(type);
    }

    private static Slot slot(Class<?> owner, ModelFields.Field field) {
        String segment = "/" + field.jsonName().replace("~", "~0").replace("/", "~1");
        Class<?> type = field.elementType();
        if (field.isList()) {
            if (!type.isRecord()) {
                throw unsupported(owner, field);
            }
            return new Slot(Kind.RECORD_LIST, segment, of(type));
        }
        if (type.isRecord()) {
            return new Slot(Kind.RECORD, segment, of(type));
        }
        if (type == String.class) {
            return new Slot(Kind.STRING, segment, null);
        }
        if (type == Integer.class) {
            return new Slot(Kind.INTEGER, segment, null);
        }
        if (type == Boolean.class) {
            return new Slot(Kind.BOOLEAN, segment, null);
        }
        throw unsupported(owner, field);
    }

    private static IllegalStateException unsupported(Class<?> owner, ModelFields.Field field) {
        return new IllegalStateException(owner.getSimpleName() + "." + field.component().getName() + " is a "
                + field.component().getGenericType() + ": teach RecordBinder to read it");
    }

    /**
     * Binds the object whose {@code START_OBJECT} is the parser's current token, to its
     * {@code END_OBJECT}, or up to the first value of a wrong type; {@code keys} notes the first
     * key an object repeats, in the record or in an unknown field's content.
     */
    Object bind(JsonParser p, RepeatedKeys keys) {
        Object[] values = new Object[slots.length];
        long seen = 0; // known keys by index; the model's records have far fewer than 64 components
        List<String> unknown = null;
        for (int m = p.nextNameMatch(names); m != PropertyNameMatcher.MATCH_END_OBJECT; m = p.nextNameMatch(names)) {
            if (m < 0) {
                unknown = keys.add(unknown, p);
                p.nextToken();
                keys.skip(p);
                continue;
            }
            if ((seen & 1L << m) != 0) {
                keys.repeated(p);
            }
            seen |= 1L << m;
            Slot slot = slots[m];
            try {
                values[m] = value(slot, p.nextToken(), p, keys);
            } catch (WrongType e) {
                throw e.under(slot.segment);
            }
        }
        try {
            return (Object) create.invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(Slot slot, JsonToken token, JsonParser p, RepeatedKeys keys) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_ARRAY && slot.kind != Kind.RECORD_LIST) {
            throw new WrongType("must not be an array");
        }
        if (token == JsonToken.START_OBJECT && slot.kind != Kind.RECORD) {
            throw new WrongType("must not be an object");
        }
        return switch (slot.kind) {
            case STRING -> p.getString(); // a number's or a boolean's JSON text, as sent
            case INTEGER -> {
                if (token != JsonToken.VALUE_NUMBER_INT) {
                    throw new WrongType("must be an integer");
                }
                try {
                    yield p.getIntValue();
                } catch (InputCoercionException e) {
                    throw new WrongType("holds a number out of range");
                }
            }
            case BOOLEAN -> {
                if (token == JsonToken.VALUE_TRUE) {
                    yield Boolean.TRUE;
                }
                if (token == JsonToken.VALUE_FALSE) {
                    yield Boolean.FALSE;
                }
                throw new WrongType("must be true or false");
            }
            case RECORD -> {
                if (token != JsonToken.START_OBJECT) {
                    throw new WrongType("must be an object");
                }
                yield slot.nested.bind(p, keys);
            }
            case RECORD_LIST -> {
                if (token != JsonToken.START_ARRAY) {
                    throw new WrongType("must be an array");
                }
                yield slot.nested.list(p, keys);
            }
        };
    }

    private List<Object> list(JsonParser p, RepeatedKeys keys) {
        List<Object> elements = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            try {
                if (token == JsonToken.VALUE_NULL) {
                    elements.add(null);
                } else if (token == JsonToken.START_OBJECT) {
                    elements.add(bind(p, keys));
                } else if (token == JsonToken.START_ARRAY) {
                    throw new WrongType("must not be an array");
                } else {
                    throw new WrongType("must be an object");
                }
            } catch (WrongType e) {
                throw e.under("/" + elements.size());
            }
        }
        return elements;
    }

    /**
     * A value of the wrong type: what it should have been, and where, as a JSON pointer built
     * segment by segment on the way out. Without a stack trace: it is an answer, not a fault.
     */
    static final class WrongType extends RuntimeException {
        private final String reason;
        private String pointer = "";

        WrongType(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        WrongType under(String segment) {
            pointer = segment + pointer;
            return this;
        }

        String reason() {
            return reason;
        }

        String pointer() {
            return pointer;
        }
    }
}
