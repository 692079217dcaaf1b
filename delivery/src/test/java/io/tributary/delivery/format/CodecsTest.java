package io.tributary.delivery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.delivery.Compression;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecsTest {
  private static byte[] sample() {
    StringBuilder text = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      text.append("{\"customer\":\"c").append(random.nextInt(50)).append("\",\"amount\":").append(i).append("}\n");
    }
    return FormatTestSupport.utf8(text.toString());
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsEveryCompression(Compression compression) {
    byte[] data = sample();

    byte[] compressed = Codecs.compress(compression, data);

    assertThat(Codecs.decompress(compression, compressed)).isEqualTo(data);
    if (compression != Compression.NONE) {
      assertThat(compressed.length).isLessThan(data.length / 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsEmptyData(Compression compression) {
    assertThat(Codecs.decompress(compression, Codecs.compress(compression, new byte[0]))).isEmpty();
  }

  @Test
  void gzipIsReadableByStandardReaders() throws Exception {
    byte[] data = sample();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Codecs.compress(Compression.GZIP, data)))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void decompressingOtherBytesNamesTheCodec() {
    assertThatThrownBy(() -> Codecs.decompress(Compression.ZSTD, FormatTestSupport.utf8("not zstd at all")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("as zstd");
  }
}
