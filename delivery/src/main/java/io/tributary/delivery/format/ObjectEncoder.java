package io.tributary.delivery.format;

import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import java.util.List;

/**
 * Turns a closed buffer's records into the bytes of one object, in the delivery stream's format and
 * compression. Implementations are immutable and thread-safe.
 */
public interface ObjectEncoder {
  /**
   * Why {@code record} cannot be written in this format (e.g. a field missing or of the wrong type
   * for the declared Parquet schema), or null when it can. Checked on arrival, so a bad record goes
   * to the error output alone instead of failing its whole object.
   */
  String conversionProblem(byte[] record);

  /** The object holding {@code records} in order; every record passed {@link #conversionProblem}. */
  byte[] encode(List<byte[]> records);

  /** The encoder for a delivery stream's format, compression and newline setting. */
  static ObjectEncoder forSpec(DeliverySpec spec) {
    if (spec.format() == OutputFormat.PARQUET) {
      return new ParquetObjectEncoder(ParquetSchemas.validate(spec.parquetSchema()), spec.compression());
    }
    return new JsonObjectEncoder(spec.compression(), spec.newlineDelimiter());
  }
}
