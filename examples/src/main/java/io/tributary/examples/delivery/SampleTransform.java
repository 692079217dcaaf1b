package io.tributary.examples.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.delivery.RecordTransform;
import io.tributary.delivery.TransformInput;
import io.tributary.delivery.TransformedRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A delivery stream transform showing the three results of the record contract on JSON records:
 * a record with {@code "drop":true} is dropped, one with {@code "fail":true} fails processing with
 * the reason, and every other record is delivered with its {@code customer} field in upper case.
 * Use it with {@code trib delivery create NAME --transform
 * io.tributary.examples.delivery.SampleTransform --transform-jar tributary-examples.jar ...}.
 * Thread-safe (the mapper is).
 */
public final class SampleTransform implements RecordTransform {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<TransformedRecord> transform(List<TransformInput> records) {
    List<TransformedRecord> results = new ArrayList<>(records.size());
    for (TransformInput record : records) {
      results.add(transform(record));
    }
    return results;
  }

  private static TransformedRecord transform(TransformInput record) {
    JsonNode json;
    try {
      json = JSON.readTree(record.data());
    } catch (IOException e) {
      return TransformedRecord.failed(record.recordId(), "record is not JSON: " + e.getMessage());
    }
    if (!(json instanceof ObjectNode object)) {
      return TransformedRecord.failed(record.recordId(), "record is not a JSON object");
    }
    if (object.path("drop").asBoolean(false)) {
      return TransformedRecord.dropped(record.recordId());
    }
    if (object.path("fail").asBoolean(false)) {
      return TransformedRecord.failed(record.recordId(),
          "record " + object.path("id").asText("without id") + " asked to fail");
    }
    if (object.hasNonNull("customer")) {
      object.put("customer", object.get("customer").asText().toUpperCase(Locale.ROOT));
    }
    try {
      return TransformedRecord.ok(record.recordId(), JSON.writeValueAsBytes(object));
    } catch (IOException e) {
      return TransformedRecord.failed(record.recordId(), "cannot write the record: " + e.getMessage());
    }
  }
}
