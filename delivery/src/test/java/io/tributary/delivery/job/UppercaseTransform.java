package io.tributary.delivery.job;

import io.tributary.delivery.RecordTransform;
import io.tributary.delivery.TransformInput;
import io.tributary.delivery.TransformedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A test transform: "drop" is dropped, "fail" fails with reason "bad record", anything else is
 * upper-cased. Stateless; loaded by class name like a user's transform.
 */
public final class UppercaseTransform implements RecordTransform {
  @Override
  public List<TransformedRecord> transform(List<TransformInput> records) {
    List<TransformedRecord> out = new ArrayList<>(records.size());
    for (TransformInput in : records) {
      String text = new String(in.data(), StandardCharsets.UTF_8);
      if (text.equals("drop")) {
        out.add(TransformedRecord.dropped(in.recordId()));
      } else if (text.equals("fail")) {
        out.add(TransformedRecord.failed(in.recordId(), "bad record"));
      } else {
        out.add(TransformedRecord.ok(in.recordId(), text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
      }
    }
    return out;
  }
}
