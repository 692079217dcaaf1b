package io.tributary.delivery.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes error output records as JSON lines in Firehose's error-output layout. Stateless and
 * thread-safe. The raw record is base64, as Firehose writes it, so any bytes survive the round trip.
 */
public final class ErrorRecords {
  private static final JsonFactory JSON = new JsonFactory();

  private ErrorRecords() {}

  /** One JSON object followed by '\n'. */
  public static byte[] encode(ErrorRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + record.rawData().length * 4 / 3);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("attemptsMade", record.attemptsMade());
      json.writeNumberField("arrivalTimestamp", record.arrivalMillis());
      json.writeStringField("errorCode", record.errorCode());
      json.writeStringField("errorMessage", record.errorMessage());
      json.writeNumberField("attemptEndingTimestamp", record.attemptEndingMillis());
      json.writeFieldName("rawData");
      json.writeBinary(record.rawData());
      json.writeStringField("deliveryStreamName", record.deliveryStream());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an error output record: " + e.getMessage(), e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
