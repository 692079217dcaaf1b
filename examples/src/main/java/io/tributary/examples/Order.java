package io.tributary.examples;

/** An order line {@code orderId,userId,amount}; the amount is kept as written. Immutable. */
public record Order(String orderId, String userId, String amount) {
  /** The order a line describes, or null when it does not have three non-empty fields. */
  public static Order parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 3 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()) {
      return null;
    }
    return new Order(f[0].strip(), f[1].strip(), f[2].strip());
  }
}
