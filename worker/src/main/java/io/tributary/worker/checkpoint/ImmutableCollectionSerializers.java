package io.tributary.worker.checkpoint;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kryo serializers for the JDK's unmodifiable collections ({@code List.of}, {@code Set.of},
 * {@code Map.of} and their {@code copyOf}), which Kryo's collection serializers cannot rebuild
 * because they refuse {@code add}. Stateless.
 *
 * <p>Operator snapshots are records of such collections more often than not.
 */
final class ImmutableCollectionSerializers {
  private ImmutableCollectionSerializers() {}

  static void register(Kryo kryo) {
    Serializer<List<Object>> list = new ListSerializer();
    for (Object sample : List.of(List.of(), List.of(1), List.of(1, 2, 3))) {
      kryo.addDefaultSerializer(sample.getClass(), list);
    }
    Serializer<Set<Object>> set = new SetSerializer();
    for (Object sample : List.of(Set.of(), Set.of(1), Set.of(1, 2, 3))) {
      kryo.addDefaultSerializer(sample.getClass(), set);
    }
    Serializer<Map<Object, Object>> map = new MapSerializer();
    for (Object sample : List.of(Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2))) {
      kryo.addDefaultSerializer(sample.getClass(), map);
    }
  }

  private static void writeAll(Kryo kryo, Output out, Collection<?> values) {
    out.writeVarInt(values.size(), true);
    for (Object v : values) {
      kryo.writeClassAndObject(out, v);
    }
  }

  private static List<Object> readAll(Kryo kryo, Input in) {
    int size = in.readVarInt(true);
    List<Object> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(kryo.readClassAndObject(in));
    }
    return values;
  }

  private static final class ListSerializer extends Serializer<List<Object>> {
    ListSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, List<Object> list) {
      writeAll(kryo, out, list);
    }

    @Override
    public List<Object> read(Kryo kryo, Input in, Class<? extends List<Object>> type) {
      return List.copyOf(readAll(kryo, in));
    }
  }

  private static final class SetSerializer extends Serializer<Set<Object>> {
    SetSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Set<Object> set) {
      writeAll(kryo, out, set);
    }

    @Override
    public Set<Object> read(Kryo kryo, Input in, Class<? extends Set<Object>> type) {
      return Set.copyOf(readAll(kryo, in));
    }
  }

  private static final class MapSerializer extends Serializer<Map<Object, Object>> {
    MapSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output out, Map<Object, Object> map) {
      out.writeVarInt(map.size(), true);
      for (Map.Entry<Object, Object> e : map.entrySet()) {
        kryo.writeClassAndObject(out, e.getKey());
        kryo.writeClassAndObject(out, e.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input in, Class<? extends Map<Object, Object>> type) {
      int size = in.readVarInt(true);
      Map<Object, Object> map = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        map.put(kryo.readClassAndObject(in), kryo.readClassAndObject(in));
      }
      return Map.copyOf(map);
    }
  }
}
