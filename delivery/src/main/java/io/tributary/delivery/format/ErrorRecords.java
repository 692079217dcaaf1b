package io.tributary.delivery.format;

/** Writes error output records as JSON lines in Firehose's error-output layout. Stateless. */
public final class ErrorRecords {
  private ErrorRecords() {}

  /** One JSON object followed by '\n'. */
  public static byte[] encode(ErrorRecord record) {
    throw new UnsupportedOperationException("not built yet");
  }
}
