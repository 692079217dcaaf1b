package io.tributary.examples;

/** An order with the profile of its user. Immutable. */
public record EnrichedOrder(Order order, UserProfile user) {
  /** {@code orderId,userId,amount,name,country}, as written to the output stream. */
  public String line() {
    return order.orderId() + "," + order.userId() + "," + order.amount() + "," + user.name() + "," + user.country();
  }

  @Override
  public String toString() {
    return line();
  }
}
