package io.tributary.common.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of an HTTP request as a case-insensitive multimap, values in arrival order.
 * Immutable once built, thread-safe.
 *
 * <p>Signature checks need repeated headers kept apart (they are joined with {@code ,} in the
 * canonical form), which the single-valued maps of most HTTP stacks lose.
 */
public final class RequestHeaders {
  private final Map<String, List<String>> valuesByLowerName;

  private RequestHeaders(Map<String, List<String>> valuesByLowerName) {
    this.valuesByLowerName = valuesByLowerName;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** All values of the header, in arrival order; empty when absent. */
  public List<String> all(String name) {
    return valuesByLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of the header, or null when absent. */
  public String first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? null : values.get(0);
  }

  public boolean contains(String name) {
    return valuesByLowerName.containsKey(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    // Names only: values carry credentials (Authorization, security tokens).
    return "RequestHeaders" + valuesByLowerName.keySet();
  }

  /** Collects headers as they are read off the wire. Confined to one thread. */
  public static final class Builder {
    private final Map<String, List<String>> values = new HashMap<>();

    private Builder() {}

    public Builder add(String name, String value) {
      values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>(1)).add(value);
      return this;
    }

    public RequestHeaders build() {
      Map<String, List<String>> copy = new HashMap<>(values.size() * 2);
      values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
      return new RequestHeaders(copy);
    }
  }
}
