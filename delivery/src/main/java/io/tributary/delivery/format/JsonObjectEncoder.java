package io.tributary.delivery.format;

import io.tributary.delivery.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON format: records as they arrived, each followed by a newline when the delimiter is on
 * (Firehose's AppendDelimiterToRecord), the whole object compressed. Immutable and thread-safe. Any
 * bytes pass: like Firehose, the JSON format does not parse records, it only concatenates them.
 */
final class JsonObjectEncoder implements ObjectEncoder {
  private static final byte NEWLINE = '\n';

  private final Compression compression;
  private final boolean newlineDelimiter;

  JsonObjectEncoder(Compression compression, boolean newlineDelimiter) {
    this.compression = compression;
    this.newlineDelimiter = newlineDelimiter;
  }

  @Override
  public String conversionProblem(byte[] record) {
    return null;
  }

  @Override
  public byte[] encode(List<byte[]> records) {
    if (compression == Compression.NONE) {
      return concatenate(records);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, rawSize(records) / 4));
    try (OutputStream compressing = Codecs.compressing(compression, out)) {
      for (byte[] record : records) {
        compressing.write(record);
        if (newlineDelimiter) {
          compressing.write(NEWLINE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress an object of " + records.size() + " records with "
          + compression, e);
    }
    return out.toByteArray();
  }

  private byte[] concatenate(List<byte[]> records) {
    byte[] object = new byte[rawSize(records)];
    int position = 0;
    for (byte[] record : records) {
      System.arraycopy(record, 0, object, position, record.length);
      position += record.length;
      if (newlineDelimiter) {
        object[position++] = NEWLINE;
      }
    }
    return object;
  }

  private int rawSize(List<byte[]> records) {
    long size = newlineDelimiter ? records.size() : 0;
    for (byte[] record : records) {
      size += record.length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("an object of " + size + " bytes is too large; lower --buffer-size");
    }
    return (int) size;
  }
}
