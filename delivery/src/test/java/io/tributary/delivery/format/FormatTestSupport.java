package io.tributary.delivery.format;

import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Specs and a Parquet reader over bytes in memory for the format tests. Stateless. */
final class FormatTestSupport {
  private FormatTestSupport() {}

  static DeliverySpec spec(OutputFormat format, String schema, Compression compression, boolean newline) {
    return new DeliverySpec("clicks", "clicks-delivery-source", true, 0, "file:///data/clicks", Map.of(),
        1024 * 1024, 60_000, format, schema, compression, null, null, null, Map.of(), newline, null, 60_000, 1,
        5_000);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Every row of a Parquet file, read with Parquet's own reader. */
  static List<Group> readParquet(byte[] file) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new BytesInputFile(file)).build()) {
      for (Group row = reader.read(); row != null; row = reader.read()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  /** A Parquet input file over a byte array. */
  static final class BytesInputFile implements InputFile {
    private final byte[] bytes;

    BytesInputFile(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long getLength() {
      return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
      SeekableBytes in = new SeekableBytes(bytes);
      return new DelegatingSeekableInputStream(in) {
        @Override
        public long getPos() {
          return in.position();
        }

        @Override
        public void seek(long newPos) {
          in.seek((int) newPos);
        }
      };
    }
  }

  private static final class SeekableBytes extends ByteArrayInputStream {
    SeekableBytes(byte[] bytes) {
      super(bytes);
    }

    synchronized int position() {
      return pos;
    }

    synchronized void seek(int position) {
      pos = position;
    }
  }
}
