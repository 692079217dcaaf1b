package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes and peeks at stored records in the protobuf wire form of {@code tributary.v1.Record},
 * straight into and out of Chronicle bytes. Stateless.
 *
 * <p>Hand-written because the hot path must not build a message object per record; the output is
 * byte-for-byte what {@code Record.toByteArray()} produces (fields in number order, zero values
 * omitted), which the tests check.
 */
final class RecordCodec {
  private static final byte SEQUENCE_TAG = 1 << 3;
  private static final byte ARRIVAL_TAG = 2 << 3;
  private static final byte KEY_TAG = (3 << 3) | 2;
  private static final byte DATA_TAG = (4 << 3) | 2;
  private static final byte EPOCH_TAG = 5 << 3;
  private static final byte PRODUCER_ID_TAG = 6 << 3;
  private static final byte PRODUCER_SEQUENCE_TAG = 7 << 3;
  private static final int SEQUENCE_FIELD = 1;
  private static final int ARRIVAL_FIELD = 2;

  private RecordCodec() {}

  /** Appends one record at {@code out}'s write position; {@code sink} is reused scratch. */
  static void write(
      Bytes<?> out, long sequence, long arrival, ByteString key, ByteString data, long epoch, BytesSink sink) {
    write(out, sequence, arrival, key, data, epoch, 0, 0, sink);
  }

  /** As above, for a record of an idempotent producer (zeros for none). */
  static void write(Bytes<?> out, long sequence, long arrival, ByteString key, ByteString data, long epoch,
      long producerId, long producerSequence, BytesSink sink) {
    writeVarintField(out, SEQUENCE_TAG, sequence);
    writeVarintField(out, ARRIVAL_TAG, arrival);
    writeBytesField(out, KEY_TAG, key, sink);
    writeBytesField(out, DATA_TAG, data, sink);
    writeVarintField(out, EPOCH_TAG, epoch);
    writeVarintField(out, PRODUCER_ID_TAG, producerId);
    writeVarintField(out, PRODUCER_SEQUENCE_TAG, producerSequence);
  }

  /** The sequence number of the record between {@code in}'s read position and read limit. */
  static long sequenceNumber(Bytes<?> in) {
    return varintField(in, SEQUENCE_FIELD);
  }

  /** The arrival time of the record between {@code in}'s read position and read limit. */
  static long arrivalMillis(Bytes<?> in) {
    return varintField(in, ARRIVAL_FIELD);
  }

  static int varintSize(long value) {
    return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
  }

  /** Writes {@code value} as a protobuf varint into {@code buf} at {@code pos}; returns the end. */
  static int writeVarint(byte[] buf, int pos, long value) {
    while ((value & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buf[pos++] = (byte) value;
    return pos;
  }

  private static void writeVarintField(Bytes<?> out, byte tag, long value) {
    if (value != 0) {
      out.writeByte(tag);
      writeVarint(out, value);
    }
  }

  private static void writeBytesField(Bytes<?> out, byte tag, ByteString value, BytesSink sink) {
    int size = value.size();
    if (size == 0) {
      return;
    }
    out.writeByte(tag);
    writeVarint(out, size);
    sink.target(out);
    try {
      UnsafeByteOperations.unsafeWriteTo(value, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy record bytes into the log", e);
    }
  }

  private static void writeVarint(Bytes<?> out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.writeByte((byte) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.writeByte((byte) value);
  }

  /** Finds a varint field without moving the read position; proto3 omits zeros, hence default 0. */
  private static long varintField(Bytes<?> in, int field) {
    long pos = in.readPosition();
    long limit = in.readLimit();
    while (pos < limit) {
      long tag = 0;
      int shift = 0;
      byte b;
      do {
        b = in.readByte(pos++);
        tag |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while (b < 0);
      int wireType = (int) (tag & 7);
      long value = 0;
      if (wireType == 0 || wireType == 2) {
        shift = 0;
        do {
          b = in.readByte(pos++);
          value |= (long) (b & 0x7F) << shift;
          shift += 7;
        } while (b < 0);
      }
      if (wireType == 0 && (tag >>> 3) == field) {
        return value;
      }
      pos += switch (wireType) {
        case 0 -> 0;
        case 1 -> 8;
        case 2 -> value;
        case 5 -> 4;
        default -> throw new IllegalStateException("stored record has unknown wire type " + wireType);
      };
    }
    return 0;
  }
}
