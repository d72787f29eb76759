package io.attemptlake.model.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;

/**
 * Builds the model's records through their canonical constructor with a method handle spread once.
 * Jackson 3.1 calls a multi-argument creator with {@code MethodHandle.invokeWithArguments}, which
 * makes a new spreader on every call: about a sixth of reading a record, for no work.
 */
final class RecordCreators implements ValueInstantiators {

    private static final String MODEL = "io.attemptlake.model.";

    @Override
    public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean) {
        return null;
    }

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean,
                                                     ValueInstantiator defaultInstantiator) {
        Class<?> type = bean.getBeanClass();
        if (!type.isRecord() || !type.getName().startsWith(MODEL) || !defaultInstantiator.canCreateFromObjectWith()) {
            return defaultInstantiator;
        }
        return new Spread(defaultInstantiator, canonical(type));
    }

    private static MethodHandle canonical(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            return MethodHandles.publicLookup().findConstructor(record, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no canonical constructor on " + record, e);
        }
    }

    /** Jackson's instantiator, but the record is made by the handle spread once. */
    private static final class Spread extends ValueInstantiator.Delegating {
        private final transient MethodHandle create;

        Spread(ValueInstantiator delegate, MethodHandle create) {
            super(delegate);
            this.create = create;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription.Supplier bean) {
            ValueInstantiator contextual = delegate().createContextual(ctxt, bean);
            return contextual == delegate() ? this : new Spread(contextual, create);
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
            try {
                return (Object) create.invokeExact(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props,
                                           PropertyValueBuffer buffer) throws JacksonException {
            return createFromObjectWith(ctxt, buffer.getParameters(ctxt, props));
        }
    }
}
