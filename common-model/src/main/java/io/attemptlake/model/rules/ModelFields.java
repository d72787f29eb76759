package io.attemptlake.model.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record classes read as a schema: each component with its JSON name, its type and its rules.
 * The Spark schema and the Spark-side validation are derived from this, so the model is the only
 * place a field is declared.
 */
public final class ModelFields {

    private static final Map<Class<?>, List<Field>> CACHE = new ConcurrentHashMap<>();

    private ModelFields() {
    }

    /** One record component as it appears on the wire. */
    public record Field(String jsonName, RecordComponent component) {

        public Class<?> type() {
            return component.getType();
        }

        public boolean isList() {
            return List.class.isAssignableFrom(component.getType());
        }

        /** For a list, its element class; otherwise the component's class. */
        public Class<?> elementType() {
            if (!isList()) {
                return component.getType();
            }
            Type arg = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            return (Class<?>) arg;
        }

        /** For a list, the annotated element type (to read rules such as {@code List<@NotNull X>}). */
        public AnnotatedType annotatedElementType() {
            return ((AnnotatedParameterizedType) component.getAnnotatedType()).getAnnotatedActualTypeArguments()[0];
        }

        public boolean isRecord() {
            return elementType().isRecord();
        }
    }

    public static List<Field> of(Class<?> recordClass) {
        if (!recordClass.isRecord()) {
            throw new IllegalArgumentException(recordClass + " is not a record");
        }
        return CACHE.computeIfAbsent(recordClass, c -> Arrays.stream(c.getRecordComponents())
                .map(rc -> new Field(jsonName(rc), rc))
                .toList());
    }

    public static Field field(Class<?> recordClass, String componentName) {
        return of(recordClass).stream()
                .filter(f -> f.component().getName().equals(componentName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(recordClass.getSimpleName() + "." + componentName));
    }

    private static String jsonName(RecordComponent rc) {
        JsonProperty property = rc.getAnnotation(JsonProperty.class);
        if (property == null) {
            property = rc.getAccessor().getAnnotation(JsonProperty.class);
        }
        if (property == null || property.value().isEmpty()) {
            throw new IllegalStateException(rc + " needs an explicit @JsonProperty: the wire name is the contract");
        }
        return property.value();
    }
}
