package io.tributary.api.connectors;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** Turns a stream record into a job's value. */
@FunctionalInterface
public interface StreamRecordDeserializer<T> extends Serializable {
  T deserialize(String partitionKey, byte[] data);

  static StreamRecordDeserializer<String> utf8() {
    return (key, data) -> new String(data, StandardCharsets.UTF_8);
  }
}
