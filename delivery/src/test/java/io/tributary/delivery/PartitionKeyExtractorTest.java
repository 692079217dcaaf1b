package io.tributary.delivery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionKeyExtractorTest {
  private static final String ORDER =
      "{\"customer\":\"acme\",\"order\":{\"region\":\"eu\",\"count\":3,\"paid\":true},\"a/b\":\"x\"}";

  @Test
  void readsKeysByDottedPathAndJsonPointer() {
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("region", "/order/region");
    paths.put("customer", "customer");
    paths.put("count", "order.count");
    paths.put("paid", "order.paid");
    paths.put("slash", "/a~1b");

    assertThat(new PartitionKeyExtractor(paths).extract(bytes(ORDER)))
        .isInstanceOfSatisfying(PartitionKeyExtractor.Extracted.class, e -> assertThat(e.keys())
            .containsExactly(Map.entry("region", "eu"), Map.entry("customer", "acme"),
                Map.entry("count", "3"), Map.entry("paid", "true"), Map.entry("slash", "x")));
  }

  @Test
  void readsFieldsNamedLikeTheKeys() {
    PartitionKeyExtractor extractor = PartitionKeyExtractor.byName(List.of("customer", "order.region"));

    assertThat(extractor.extract(bytes(ORDER))).isEqualTo(new PartitionKeyExtractor.Extracted(
        Map.of("customer", "acme", "order.region", "eu")));
  }

  @Test
  void readsARecordInsideALargerBuffer() {
    byte[] buffer = bytes("xx{\"customer\":\"acme\"}yy");

    assertThat(PartitionKeyExtractor.byName(List.of("customer")).extract(buffer, 2, buffer.length - 4))
        .isEqualTo(new PartitionKeyExtractor.Extracted(Map.of("customer", "acme")));
  }

  @Test
  void aRecordThatIsNotJsonFailsWithAReason() {
    PartitionKeyExtractor extractor = PartitionKeyExtractor.byName(List.of("customer"));

    assertThat(reason(extractor, "not json")).startsWith("the record is not JSON: ");
    assertThat(reason(extractor, "{\"customer\":\"acme\"} trailing")).startsWith("the record is not JSON: ");
    assertThat(reason(extractor, "")).isEqualTo("the record is empty, not JSON");
  }

  @Test
  void aMissingOrNullKeyFailsWithAReason() {
    PartitionKeyExtractor extractor =
        new PartitionKeyExtractor(Map.of("region", "order.region"));

    assertThat(reason(extractor, "{\"order\":{}}"))
        .isEqualTo("the record has no value at 'order.region' for partition key 'region'");
    assertThat(reason(extractor, "{\"order\":{\"region\":null}}"))
        .isEqualTo("the record has no value at 'order.region' for partition key 'region'");
    assertThat(reason(extractor, "[1,2]"))
        .isEqualTo("the record has no value at 'order.region' for partition key 'region'");
  }

  @Test
  void anObjectOrArrayIsNoKey() {
    PartitionKeyExtractor extractor = PartitionKeyExtractor.byName(List.of("order"));

    assertThat(reason(extractor, ORDER))
        .isEqualTo("the value at 'order' for partition key 'order' is an object, not a string or number");
    assertThat(reason(extractor, "{\"order\":[1]}"))
        .isEqualTo("the value at 'order' for partition key 'order' is an array, not a string or number");
  }

  @Test
  void refusesInvalidPaths() {
    assertInvalid(Map.of("k", ""),
        "partition key 'k' has no path; give a field such as 'customer', 'order.region' or '/order/region'");
    assertInvalid(Map.of("k", "order..region"),
        "partition key 'k' has an empty field in path 'order..region'; write fields separated by single"
            + " dots, e.g. 'order.region'");
  }

  private static void assertInvalid(Map<String, String> paths, String message) {
    assertThatThrownBy(() -> new PartitionKeyExtractor(paths))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage(message);
  }

  private static String reason(PartitionKeyExtractor extractor, String record) {
    PartitionKeyExtractor.Extraction extraction = extractor.extract(bytes(record));
    assertThat(extraction).isInstanceOf(PartitionKeyExtractor.Failed.class);
    return ((PartitionKeyExtractor.Failed) extraction).reason();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
