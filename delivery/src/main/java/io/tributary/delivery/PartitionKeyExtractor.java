package io.tributary.delivery;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tributary.common.error.Errors;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a delivery stream's partition keys from JSON records, each key by a JSON Pointer ({@code
 * /order/region}) or a dotted path ({@code order.region}). Thread-safe.
 *
 * <p>A record that is not JSON, or lacks a key, is an ordinary outcome of user data, not a fault of
 * ours: {@link #extract} returns a {@link Failed} with the reason, which the caller writes to the
 * error output as {@link ErrorOutputType#PARTITIONING_FAILED}, and never throws for it.
 */
public final class PartitionKeyExtractor {
  private static final ObjectReader READER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .reader();

  private final Map<String, JsonPointer> pointers;
  private final Map<String, String> paths;

  /**
   * @param paths the path of each key by key name, e.g. {@code customer -> customer_id}; the
   *     extracted keys keep this map's order
   */
  public PartitionKeyExtractor(Map<String, String> paths) {
    Map<String, JsonPointer> compiled = new LinkedHashMap<>();
    paths.forEach((name, path) -> compiled.put(name, compile(name, path)));
    this.pointers = Collections.unmodifiableMap(compiled);
    this.paths = Map.copyOf(paths);
  }

  /** An extractor whose keys are read from the fields of the same names ({@code order.region}). */
  public static PartitionKeyExtractor byName(Iterable<String> names) {
    Map<String, String> paths = new LinkedHashMap<>();
    names.forEach(name -> paths.put(name, name));
    return new PartitionKeyExtractor(paths);
  }

  /** Extracts every key from the record in {@code data[offset, offset + length)}. */
  public Extraction extract(byte[] data, int offset, int length) {
    JsonNode root;
    try {
      root = READER.readTree(data, offset, length);
    } catch (JsonProcessingException e) {
      return new Failed("the record is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Failed("the record could not be read as JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return new Failed("the record is empty, not JSON");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonPointer> entry : pointers.entrySet()) {
      String name = entry.getKey();
      JsonNode value = root.at(entry.getValue());
      if (value.isMissingNode() || value.isNull()) {
        return new Failed("the record has no value at '" + paths.get(name)
            + "' for partition key '" + name + "'");
      }
      if (value.isContainerNode()) {
        return new Failed("the value at '" + paths.get(name) + "' for partition key '" + name
            + "' is an " + (value.isArray() ? "array" : "object") + ", not a string or number");
      }
      keys.put(name, value.asText());
    }
    return new Extracted(Collections.unmodifiableMap(keys));
  }

  /** Extracts every key from the whole array. */
  public Extraction extract(byte[] data) {
    return extract(data, 0, data.length);
  }

  private static JsonPointer compile(String name, String path) {
    if (path == null || path.isEmpty()) {
      throw Errors.invalid("partition key '" + name + "' has no path; give a field such as"
          + " 'customer', 'order.region' or '/order/region'");
    }
    if (path.startsWith("/")) {
      return JsonPointer.compile(path); // refuses only text not starting with '/'
    }
    StringBuilder pointer = new StringBuilder();
    for (String field : path.split("\\.", -1)) {
      if (field.isEmpty()) {
        throw Errors.invalid("partition key '" + name + "' has an empty field in path '" + path
            + "'; write fields separated by single dots, e.g. 'order.region'");
      }
      pointer.append('/').append(field.replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(pointer.toString());
  }

  /** The outcome of {@link #extract}: the keys, or why they could not be read. */
  public sealed interface Extraction permits Extracted, Failed {}

  /** Every key's value as text, in the extractor's key order. */
  public record Extracted(Map<String, String> keys) implements Extraction {}

  /** Why the record's keys could not be read; the record goes to the error output. */
  public record Failed(String reason) implements Extraction {}
}
