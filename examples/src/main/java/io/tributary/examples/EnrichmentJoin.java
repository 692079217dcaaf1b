package io.tributary.examples;

import io.tributary.api.DataStream;
import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.FlatMapFunction;
import io.tributary.api.functions.KeySelector;
import java.nio.charset.StandardCharsets;

/**
 * Streaming stream-to-stream enrichment: orders from the stream {@code --orders} (default {@code
 * orders}; lines {@code orderId,userId,amount}) joined on the user id with profiles from {@code
 * --users} (default {@code users}; lines {@code userId,name,country}), written to {@code --output}
 * (default {@code enriched-orders}) as {@code orderId,userId,amount,name,country}. A newer profile
 * replaces the older one for later orders; orders wait for their user's first profile (see {@link
 * EnrichOrders}). Malformed lines are skipped; {@code --print} also prints the output.
 */
public final class EnrichmentJoin {
  private EnrichmentJoin() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    DataStream<Order> orders = env.fromStream(arguments.get("orders", "orders"), StartingPosition.TRIM_HORIZON)
        .flatMap(new ParseOrders()).name("Parse orders");
    DataStream<UserProfile> users = env.fromStream(arguments.get("users", "users"), StartingPosition.TRIM_HORIZON)
        .flatMap(new ParseProfiles()).name("Parse profiles");
    DataStream<EnrichedOrder> enriched = orders.connect(users)
        .keyBy(new OrderUser(), new ProfileUser())
        .process(new EnrichOrders()).name("Enrich orders");
    enriched.sinkToStream(arguments.get("output", "enriched-orders"), new EnrichedLines());
    if (arguments.getBoolean("print", false)) {
      enriched.print();
    }
    env.execute("enrichment-join");
  }

  static final class ParseOrders implements FlatMapFunction<String, Order> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(String line, Collector<Order> out) {
      Order order = Order.parse(line);
      if (order != null) {
        out.collect(order);
      }
    }
  }

  static final class ParseProfiles implements FlatMapFunction<String, UserProfile> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(String line, Collector<UserProfile> out) {
      UserProfile user = UserProfile.parse(line);
      if (user != null) {
        out.collect(user);
      }
    }
  }

  static final class OrderUser implements KeySelector<Order, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Order order) {
      return order.userId();
    }
  }

  static final class ProfileUser implements KeySelector<UserProfile, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(UserProfile user) {
      return user.userId();
    }
  }

  /** Partitioned by order id, so output spreads over the shards. */
  static final class EnrichedLines implements StreamRecordSerializer<EnrichedOrder> {
    private static final long serialVersionUID = 1L;

    @Override
    public String partitionKey(EnrichedOrder value) {
      return value.order().orderId();
    }

    @Override
    public byte[] data(EnrichedOrder value) {
      return value.line().getBytes(StandardCharsets.UTF_8);
    }
  }
}
