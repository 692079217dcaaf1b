package io.tributary.worker.exchange;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.IdentityObjectIntMap;
import io.tributary.api.operators.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * One Kryo instance with its buffers and the class dictionary of the batch in progress. Confined
 * to the thread that took it from the codec's pool.
 *
 * <p>Frame: element count, then per element a kind byte (with a has-timestamp bit for records),
 * the zig-zag timestamp, and the value as a tag: null, string, long and int have fixed tags; any
 * other class is named once per batch and then referred to by a small id. Kryo's own class
 * resolver is reset per batch too, so nested classes are also named once per batch.
 */
final class KryoSession {
  private static final int HAS_TIMESTAMP = 0x10;
  private static final int KIND_MASK = 0x0F;
  private static final int TAG_NULL = 0;
  private static final int TAG_STRING = 1;
  private static final int TAG_LONG = 2;
  private static final int TAG_INT = 3;
  private static final int TAG_NEW_CLASS = 4;
  private static final int FIRST_CLASS_TAG = 5;

  private final Kryo kryo = new Kryo();
  private final Output output = new Output(64 * 1024, -1);
  private final Input input = new Input();
  private final IdentityObjectIntMap<Class<?>> encodedClasses = new IdentityObjectIntMap<>();
  private final List<Class<?>> decodedClasses = new ArrayList<>();
  private final Function<String, Class<?>> classResolver;

  KryoSession(ClassLoader classLoader, Function<String, Class<?>> classResolver) {
    this.classResolver = classResolver;
    kryo.setRegistrationRequired(false);
    kryo.setReferences(false);
    kryo.setAutoReset(false);
    kryo.setClassLoader(classLoader);
    // No-arg constructors when present (so readResolve-free POJOs initialize normally), Objenesis otherwise.
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
  }

  byte[] encode(ElementBatch batch) {
    output.reset();
    try {
      int size = batch.size();
      output.writeVarInt(size, true);
      for (int i = 0; i < size; i++) {
        writeElement(batch, i);
      }
      return output.toBytes();
    } finally {
      encodedClasses.clear();
      kryo.reset();
    }
  }

  private void writeElement(ElementBatch batch, int i) {
    byte kind = batch.kind(i);
    if (kind == ElementBatch.RECORD) {
      long timestamp = batch.timestamp(i);
      if (timestamp == Timestamps.NONE) {
        output.writeByte(kind);
      } else {
        output.writeByte(kind | HAS_TIMESTAMP);
        output.writeVarLong(timestamp, false);
      }
      writeValue(batch.value(i));
    } else if (kind == ElementBatch.WATERMARK) {
      output.writeByte(kind);
      output.writeLong(batch.timestamp(i));
    } else if (kind == ElementBatch.BARRIER) {
      CheckpointBarrier barrier = batch.barrier(i);
      output.writeByte(kind);
      output.writeLong(barrier.checkpointId());
      output.writeLong(barrier.timestampMs());
      output.writeString(barrier.dir());
      output.writeBoolean(barrier.savepoint());
    } else {
      output.writeByte(kind);
    }
  }

  private void writeValue(Object value) {
    if (value == null) {
      output.writeVarInt(TAG_NULL, true);
      return;
    }
    Class<?> type = value.getClass();
    if (type == String.class) {
      output.writeVarInt(TAG_STRING, true);
      output.writeString((String) value);
    } else if (type == Long.class) {
      output.writeVarInt(TAG_LONG, true);
      output.writeVarLong((Long) value, false);
    } else if (type == Integer.class) {
      output.writeVarInt(TAG_INT, true);
      output.writeVarInt((Integer) value, false);
    } else {
      writeClass(type);
      kryo.writeObject(output, value);
    }
  }

  private void writeClass(Class<?> type) {
    int id = encodedClasses.get(type, -1);
    if (id >= 0) {
      output.writeVarInt(FIRST_CLASS_TAG + id, true);
    } else {
      encodedClasses.put(type, encodedClasses.size);
      output.writeVarInt(TAG_NEW_CLASS, true);
      output.writeString(type.getName());
    }
  }

  ElementBatch decode(byte[] bytes) {
    input.setBuffer(bytes);
    try {
      int size = input.readVarInt(true);
      ElementBatch batch = new ElementBatch(Math.max(1, size));
      for (int i = 0; i < size; i++) {
        readElement(batch);
      }
      return batch;
    } finally {
      decodedClasses.clear();
      kryo.reset();
      input.setBuffer(new byte[0]);
    }
  }

  private void readElement(ElementBatch batch) {
    int header = input.readByte();
    byte kind = (byte) (header & KIND_MASK);
    if (kind == ElementBatch.RECORD) {
      long timestamp = (header & HAS_TIMESTAMP) != 0 ? input.readVarLong(false) : Timestamps.NONE;
      batch.addRecord(readValue(), timestamp);
    } else if (kind == ElementBatch.WATERMARK) {
      batch.addEvent(kind, input.readLong());
    } else if (kind == ElementBatch.BARRIER) {
      batch.addBarrier(new CheckpointBarrier(input.readLong(), input.readLong(), input.readString(), input.readBoolean()));
    } else {
      batch.addEvent(kind, 0L);
    }
  }

  private Object readValue() {
    int tag = input.readVarInt(true);
    switch (tag) {
      case TAG_NULL:
        return null;
      case TAG_STRING:
        return input.readString();
      case TAG_LONG:
        return input.readVarLong(false);
      case TAG_INT:
        return input.readVarInt(false);
      case TAG_NEW_CLASS:
        Class<?> type = classResolver.apply(input.readString());
        decodedClasses.add(type);
        return kryo.readObject(input, type);
      default:
        return kryo.readObject(input, decodedClasses.get(tag - FIRST_CLASS_TAG));
    }
  }
}
