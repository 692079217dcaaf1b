package io.tributary.examples;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * Joins orders (input 1) with user profiles (input 2), keyed by user id: keeps the latest profile
 * of each user in state and enriches every order with it; an order that arrives before its user's
 * first profile waits in state and is emitted when the profile arrives. Each order is emitted
 * exactly once. Confined to the subtask's thread.
 */
public final class EnrichOrders extends KeyedCoProcessFunction<String, Order, UserProfile, EnrichedOrder> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<UserProfile> profile;
  private transient ListState<Order> waiting;

  @Override
  public void open(RuntimeContext context) {
    profile = context.getState(new ValueStateDescriptor<>("profile"));
    waiting = context.getListState(new ListStateDescriptor<>("orders-without-profile"));
  }

  @Override
  public void processElement1(Order order, Context ctx, Collector<EnrichedOrder> out) {
    UserProfile user = profile.value();
    if (user == null) {
      waiting.add(order);
    } else {
      out.collect(new EnrichedOrder(order, user));
    }
  }

  @Override
  public void processElement2(UserProfile user, Context ctx, Collector<EnrichedOrder> out) {
    profile.update(user);
    for (Order order : waiting.get()) {
      out.collect(new EnrichedOrder(order, user));
    }
    waiting.clear();
  }
}
