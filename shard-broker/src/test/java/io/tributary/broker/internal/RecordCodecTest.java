package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.tributary.proto.v1.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private final BytesSink sink = new BytesSink();

  @Test
  void writesExactlyWhatProtobufWrites() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      long sequence = random.nextInt(3) == 0 ? 0 : random.nextLong() >>> random.nextInt(63);
      long arrival = random.nextLong() >>> 1;
      long epoch = random.nextInt(3) == 0 ? 0 : random.nextInt(1000);
      byte[] data = new byte[random.nextInt(300)];
      random.nextBytes(data);
      String key = random.nextBoolean() ? "k" + random.nextInt() : "ключ-" + i;
      long producer = random.nextInt(3) == 0 ? 0 : random.nextLong();
      long producerSequence = producer == 0 ? 0 : 1 + random.nextInt(1_000_000);
      Record expected =
          Record.newBuilder().setSequenceNumber(sequence).setArrivalMillis(arrival).setPartitionKey(key)
              .setData(ByteString.copyFrom(data)).setLeaderEpoch(epoch).setProducerId(producer)
              .setProducerSequence(producerSequence).build();

      Bytes<?> out = Bytes.allocateElasticOnHeap();
      RecordCodec.write(out, sequence, arrival, ByteString.copyFromUtf8(key), ByteString.copyFrom(data), epoch,
          producer, producerSequence, sink);

      assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
      assertThat(RecordCodec.sequenceNumber(out)).isEqualTo(sequence);
      assertThat(RecordCodec.arrivalMillis(out)).isEqualTo(arrival);
      out.releaseLast();
    }
  }

  @Test
  void peeksPastFieldsItDoesNotKnow() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    out.writeFixed64(9, 77);
    out.writeBytes(3, ByteString.copyFromUtf8("key"));
    out.writeFixed32(10, 5);
    out.writeInt64(2, 123_456_789_000L);
    out.writeInt64(1, 42);
    out.flush();
    Bytes<?> record = Bytes.wrapForRead(buffer.toByteArray());

    assertThat(RecordCodec.sequenceNumber(record)).isEqualTo(42);
    assertThat(RecordCodec.arrivalMillis(record)).isEqualTo(123_456_789_000L);
    assertThat(record.readPosition()).isZero();
  }

  @Test
  void varintSizesMatchProtobuf() {
    for (long value : new long[] {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1}) {
      assertThat(RecordCodec.varintSize(value)).isEqualTo(CodedOutputStream.computeUInt64SizeNoTag(value));
      byte[] buf = new byte[10];
      assertThat(RecordCodec.writeVarint(buf, 0, value)).isEqualTo(RecordCodec.varintSize(value));
    }
  }
}
