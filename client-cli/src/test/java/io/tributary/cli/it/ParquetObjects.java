package io.tributary.cli.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Reads delivered Parquet files back with Apache Parquet's own reader, as a user's query engine
 * would: the schema in the file's footer and its rows as the example object model's groups.
 * Stateless.
 */
final class ParquetObjects {
  private ParquetObjects() {}

  /** A row of the delivery ITs' schema. */
  record Row(long id, String customer, long amount) {}

  static MessageType schema(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath(file), conf()))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  static List<Row> rows(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), hadoopPath(file))
        .withConf(conf()).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(new Row(g.getLong("id", 0), g.getString("customer", 0), g.getLong("amount", 0)));
      }
    }
    return rows;
  }

  private static org.apache.hadoop.fs.Path hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }

  private static Configuration conf() {
    return new Configuration(false);
  }
}
