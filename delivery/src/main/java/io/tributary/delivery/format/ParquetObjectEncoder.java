package io.tributary.delivery.format;

import io.tributary.delivery.Compression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * The Parquet format: each object is one Parquet file of the declared schema, its pages compressed
 * with the delivery stream's codec, written by Apache Parquet's own writer. Immutable and
 * thread-safe (each encode has its own writer and configuration). Compression lives inside the
 * file, as Parquet readers expect, not around it.
 */
final class ParquetObjectEncoder implements ObjectEncoder {
  private final MessageType schema;
  private final CompressionCodecName codec;
  private final JsonToParquet converter;

  ParquetObjectEncoder(MessageType schema, Compression compression) {
    this.schema = schema;
    this.codec = codecFor(compression);
    this.converter = new JsonToParquet(schema);
  }

  @Override
  public String conversionProblem(byte[] record) {
    return converter.problem(record);
  }

  @Override
  public byte[] encode(List<byte[]> records) {
    InMemoryOutputFile file = new InMemoryOutputFile(estimate(records));
    // Without default resources: nothing from a Hadoop installation may change how objects are written.
    Configuration conf = new Configuration(false);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
        .withConf(conf)
        .withType(schema)
        .withCompressionCodec(codec)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      for (byte[] record : records) {
        writer.write(converter.convert(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a Parquet object of " + records.size() + " records ("
          + codec + "): " + e.getMessage(), e);
    }
    return file.toByteArray();
  }

  private static int estimate(List<byte[]> records) {
    long size = 1024;
    for (byte[] record : records) {
      size += record.length / 2;
    }
    return (int) Math.min(size, 64L * 1024 * 1024);
  }

  private static CompressionCodecName codecFor(Compression compression) {
    switch (compression) {
      case NONE:
        return CompressionCodecName.UNCOMPRESSED;
      case GZIP:
        return CompressionCodecName.GZIP;
      case ZSTD:
        return CompressionCodecName.ZSTD;
      case SNAPPY:
        return CompressionCodecName.SNAPPY;
      default:
        throw new IllegalArgumentException("no Parquet codec for compression " + compression);
    }
  }
}
