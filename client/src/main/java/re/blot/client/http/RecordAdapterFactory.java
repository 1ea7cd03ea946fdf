package re.blot.client.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads and writes records, binding each record's canonical constructor and accessors once.
 *
 * <p>Same JSON as Moshi's own record adapter: a component's JSON name is its name or its
 * {@link com.squareup.moshi.Json#name()}, unknown names are skipped, a missing or null object
 * component is passed to the constructor as null, a missing primitive component is an error, and
 * each component's type is read by the adapter Moshi has for it (with its qualifiers). Moshi 1.15
 * calls the constructor through {@link MethodHandle#invokeWithArguments}, which costs about a
 * microsecond per reply; a handle spread to the record's fixed arity is called in nanoseconds.
 */
final class RecordAdapterFactory implements JsonAdapter.Factory {

    @Override
    public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
        if (!(type instanceof Class<?> raw) || !raw.isRecord() || !annotations.isEmpty()) {
            return null;
        }
        return new RecordAdapter<>(raw, moshi).nullSafe();
    }

    /**
     * The adapter for one record class. Its constructor and accessors are made accessible, so
     * records nested privately in other classes work as with Moshi's own adapter.
     */
    private static final class RecordAdapter<T> extends JsonAdapter<T> {
        private final Class<T> type;
        private final Component[] components;
        private final JsonReader.Options names;
        /** {@code (Object[]) -> Object}: the canonical constructor, spread over its arity. */
        private final MethodHandle constructor;

        RecordAdapter(Class<T> type, Moshi moshi) {
            this.type = type;
            RecordComponent[] recordComponents = type.getRecordComponents();
            this.components = new Component[recordComponents.length];
            String[] jsonNames = new String[recordComponents.length];
            Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            try {
                for (int i = 0; i < recordComponents.length; i++) {
                    RecordComponent component = recordComponents[i];
                    components[i] = new Component(component, moshi, lookup);
                    jsonNames[i] = components[i].jsonName;
                    parameterTypes[i] = component.getType();
                }
                Constructor<T> canonical = type.getDeclaredConstructor(parameterTypes);
                canonical.setAccessible(true);
                this.constructor = lookup.unreflectConstructor(canonical)
                        .asSpreader(Object[].class, parameterTypes.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot bind the record " + type.getName(), e);
            }
            this.names = JsonReader.Options.of(jsonNames);
        }

        @Override
        public T fromJson(JsonReader reader) throws IOException {
            Object[] values = new Object[components.length];
            reader.beginObject();
            while (reader.hasNext()) {
                int index = reader.selectName(names);
                if (index == -1) {
                    reader.skipName();
                    reader.skipValue();
                } else {
                    values[index] = components[index].adapter.fromJson(reader);
                }
            }
            reader.endObject();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null && components[i].primitive) {
                    throw new JsonDataException("Required value '" + components[i].name
                            + "' (JSON name '" + components[i].jsonName + "') missing at "
                            + reader.getPath());
                }
            }
            try {
                return type.cast((Object) constructor.invokeExact(values));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Constructor of " + type.getName() + " failed", e);
            }
        }

        @Override
        public void toJson(JsonWriter writer, T value) throws IOException {
            writer.beginObject();
            for (Component component : components) {
                writer.name(component.jsonName);
                component.write(writer, value);
            }
            writer.endObject();
        }

        @Override
        public String toString() {
            return "JsonAdapter(" + type.getName() + ")";
        }
    }

    /** One record component: its names, its adapter and its accessor. */
    private static final class Component {
        final String name;
        final String jsonName;
        final boolean primitive;
        final JsonAdapter<Object> adapter;
        /** {@code (Object) -> Object}: the accessor. */
        private final MethodHandle accessor;

        Component(RecordComponent component, Moshi moshi, MethodHandles.Lookup lookup)
                throws IllegalAccessException {
            com.squareup.moshi.Json json = component.getAnnotation(com.squareup.moshi.Json.class);
            this.name = component.getName();
            this.jsonName = json == null ? name : json.name();
            this.primitive = component.getType().isPrimitive();
            this.adapter = moshi.adapter(component.getGenericType(), qualifiers(component));
            Method accessorMethod = component.getAccessor();
            accessorMethod.setAccessible(true);
            this.accessor = lookup.unreflect(accessorMethod)
                    .asType(MethodType.methodType(Object.class, Object.class));
        }

        void write(JsonWriter writer, Object record) throws IOException {
            Object value;
            try {
                value = (Object) accessor.invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Accessor " + name + " failed", e);
            }
            adapter.toJson(writer, value);
        }

        private static Set<Annotation> qualifiers(RecordComponent component) {
            Set<Annotation> qualifiers = new LinkedHashSet<>();
            for (Annotation annotation : component.getAnnotations()) {
                if (annotation.annotationType().isAnnotationPresent(JsonQualifier.class)) {
                    qualifiers.add(annotation);
                }
            }
            return qualifiers;
        }
    }
}
