package io.tributary.api.connectors;

import io.tributary.api.functions.KeySelector;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** Turns a job's value into a stream record's partition key and data. */
public interface StreamRecordSerializer<T> extends Serializable {
  String partitionKey(T value) throws Exception;

  byte[] data(T value) throws Exception;

  /** UTF-8 of {@code toString()}, partitioned by {@code keyOf}. */
  static <T> StreamRecordSerializer<T> utf8(KeySelector<T, String> keyOf) {
    return new StreamRecordSerializer<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public String partitionKey(T value) throws Exception {
        return keyOf.getKey(value);
      }

      @Override
      public byte[] data(T value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
      }
    };
  }
}
