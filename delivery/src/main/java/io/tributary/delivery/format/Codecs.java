package io.tributary.delivery.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.tributary.delivery.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Whole-object compression of delivered objects: gzip (the JDK's), zstd (one frame) and snappy
 * (the framing format, so standard tools read it). Stateless and thread-safe. Streams are used
 * for every codec so that an object is compressed as it is written, without a second copy.
 */
public final class Codecs {
  private Codecs() {}

  /** {@code data} compressed with {@code compression} ({@link Compression#NONE} returns it as is). */
  public static byte[] compress(Compression compression, byte[] data) {
    if (compression == Compression.NONE) {
      return data;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
    try (OutputStream compressing = compressing(compression, out)) {
      compressing.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress " + data.length + " bytes with " + compression, e);
    }
    return out.toByteArray();
  }

  /** The bytes {@link #compress} was given; fails naming the codec when {@code data} is not its output. */
  public static byte[] decompress(Compression compression, byte[] data) {
    if (compression == Compression.NONE) {
      return data;
    }
    try (InputStream in = decompressing(compression, new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decompress " + data.length + " bytes as " + compression
          + " (" + e.getMessage() + "); was the object written with --compression " + compression + "?", e);
    }
  }

  /**
   * A stream that writes {@code out} compressed; closing it finishes the compressed data and closes
   * {@code out}. {@link Compression#NONE} returns {@code out} itself.
   */
  public static OutputStream compressing(Compression compression, OutputStream out) throws IOException {
    switch (compression) {
      case NONE:
        return out;
      case GZIP:
        return new GZIPOutputStream(out, 64 * 1024);
      case ZSTD:
        return new ZstdOutputStream(out);
      case SNAPPY:
        return new SnappyFramedOutputStream(out);
      default:
        throw new IllegalArgumentException("no codec for compression " + compression);
    }
  }

  private static InputStream decompressing(Compression compression, InputStream in) throws IOException {
    switch (compression) {
      case GZIP:
        return new GZIPInputStream(in, 64 * 1024);
      case ZSTD:
        return new ZstdInputStream(in);
      case SNAPPY:
        return new SnappyFramedInputStream(in);
      default:
        throw new IllegalArgumentException("no codec for compression " + compression);
    }
  }
}
