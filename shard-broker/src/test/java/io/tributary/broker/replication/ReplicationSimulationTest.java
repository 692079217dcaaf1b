package io.tributary.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulations of one shard's replication (see {@link ReplicationSimulation}). A failure names
 * its seed and step; {@code -Dreplication.seed=N} reruns that seed alone.
 */
class ReplicationSimulationTest {
  private static final int SEEDS = 200;
  private static final int STEPS = 2000;

  @Test
  void keepsEveryAcknowledgedRecordAndConvergesUnderFaults() {
    String only = System.getProperty("replication.seed");
    long first = only == null ? 1 : Long.parseLong(only);
    long last = only == null ? SEEDS : first;
    long acknowledged = 0;
    long[] writes = new long[6];
    for (long seed = first; seed <= last; seed++) {
      ReplicationSimulation simulation = new ReplicationSimulation(seed, ReplicationSimulation.REAL_ELECTION);
      simulation.run(STEPS);
      acknowledged += simulation.acknowledged();
      for (int i = 0; i < writes.length; i++) {
        writes[i] += simulation.writes()[i];
      }
    }
    System.out.printf("replication simulation: seeds %d-%d, %d steps each, %d records acknowledged; acks=all writes"
        + " %d refused, %d acknowledged, %d failed; %d acks=leader writes; %d faults; %d truncations%n", first, last,
        STEPS, acknowledged, writes[0], writes[1], writes[2], writes[3], writes[4], writes[5]);
    if (only == null) {
      assertThat(acknowledged).as("acknowledged records over all seeds (the checks must have work)")
          .isGreaterThan(SEEDS * 20L);
    }
  }

  @Test
  void catchesAnElectionThatMayPickAnOutOfSyncReplica() {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= 50 && failures.isEmpty(); seed++) {
      try {
        new ReplicationSimulation(seed, ReplicationSimulationTest::uncleanElection).run(STEPS);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).singleElement().asString()
        .contains("replication simulation seed", "-Dreplication.seed=")
        .containsAnyOf("NoAckedRecordLost", "StableVisibleRecords");
  }

  @Test
  void namesTheSeedAndStepOfAFailure() {
    assertThatThrownBy(() -> new ReplicationSimulation(7, ReplicationSimulationTest::uncleanElection).run(20_000))
        .hasMessageMatching("(?s)replication simulation seed 7 failed at step \\d+ .*");
  }

  /** Like the real rule, but a dead leader's place goes to the first live replica, in sync or not. */
  private static ShardMetadata uncleanElection(ShardMetadata shard, Set<Integer> live, long epoch) {
    ShardMetadata clean = ReplicationSimulation.REAL_ELECTION.apply(shard, live, epoch);
    if (live.contains(shard.leader())) {
      return clean;
    }
    for (int broker : shard.replicas()) {
      if (live.contains(broker)) {
        List<Integer> inSync = new ArrayList<>();
        inSync.add(broker);
        return shard.withLeader(broker, shard.leaderEpoch() + 1, inSync, epoch);
      }
    }
    return clean;
  }
}
