package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.testing.TwoInputHarness;
import org.junit.jupiter.api.Test;

class EnrichOrdersTest {
  private static TwoInputHarness<Order, UserProfile, EnrichedOrder> harness() throws Exception {
    return TwoInputHarness.forKeyedCoProcess(new EnrichmentJoin.OrderUser(), new EnrichmentJoin.ProfileUser(),
        new EnrichOrders()).open();
  }

  @Test
  void ordersBeforeTheirProfileWaitAndAreEmittedOnceWhenItArrives() throws Exception {
    try (var harness = harness()) {
      harness.processElement1(Order.parse("o1,u1,10.50"), 1);
      harness.processElement1(Order.parse("o2,u1,3"), 2);
      harness.processElement1(Order.parse("o3,u2,7"), 3);
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.processElement2(UserProfile.parse("u1,Ada,UK"), 4);
      harness.processElement2(UserProfile.parse("u1,Ada L.,UK"), 5);

      assertThat(harness.extractOutputValues()).extracting(EnrichedOrder::line)
          .containsExactly("o1,u1,10.50,Ada,UK", "o2,u1,3,Ada,UK");
    }
  }

  @Test
  void ordersAfterAProfileUseTheLatestOne() throws Exception {
    try (var harness = harness()) {
      harness.processElement2(UserProfile.parse("u1,Ada,UK"), 1);
      harness.processElement1(Order.parse("o1,u1,1"), 2);
      harness.processElement2(UserProfile.parse("u1,Ada,FR"), 3);
      harness.processElement1(Order.parse("o2,u1,2"), 4);

      assertThat(harness.extractOutputValues()).extracting(EnrichedOrder::line)
          .containsExactly("o1,u1,1,Ada,UK", "o2,u1,2,Ada,FR");
    }
  }

  @Test
  void malformedLinesAreNull() {
    assertThat(Order.parse("o1,u1")).isNull();
    assertThat(Order.parse("o1,,5")).isNull();
    assertThat(UserProfile.parse(",Ada,UK")).isNull();
    assertThat(UserProfile.parse("u1,Ada,UK,extra")).isNull();
  }

  @Test
  void planJoinsTheTwoStreamSourcesInOneKeyedTwoInputVertex() throws Exception {
    JobPlan plan = PlanCapture.plan(EnrichmentJoin::main, 4);

    assertThat(plan.vertices()).hasSize(3);
    assertThat(plan.vertices().get(2).inputs()).extracting(e -> e.targetInput()).containsExactlyInAnyOrder(1, 2);
    assertThat(plan.vertices().get(2).nodes()).extracting(n -> n.name())
        .containsExactly("Enrich orders", "Sink: Stream enriched-orders");
  }
}
