package io.tributary.delivery;

/**
 * Why records went to a delivery stream's error output; {@code !{error-output-type}} in an error
 * prefix renders as {@link #pathName()}, so each kind of failure lands in its own folder. Immutable.
 */
public enum ErrorOutputType {
  /** The transformation returned ProcessingFailed, a wrong record id, or failed as a whole. */
  PROCESSING_FAILED("processing-failed"),
  /** A partition key was missing from the record, or the record was not JSON. */
  PARTITIONING_FAILED("partitioning-failed"),
  /** The record could not be converted to the output format (e.g. Parquet). */
  FORMAT_CONVERSION_FAILED("format-conversion-failed"),
  /** The destination kept refusing the record until the retry duration ran out. */
  DELIVERY_FAILED("delivery-failed");

  private final String pathName;

  ErrorOutputType(String pathName) {
    this.pathName = pathName;
  }

  /** The folder name, e.g. {@code processing-failed}, as Firehose names it. */
  public String pathName() {
    return pathName;
  }
}
