package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * This coordinator's part in the leader election: its member node, its leader latch, and the step
 * from "elected" to "acting" (a new epoch) and back. Transitions run on the coordinator event loop;
 * start and close are called once, from the owning server.
 *
 * <p>Being elected is only a hint: the coordinator acts only after its new term is written, and stops
 * as soon as the ZooKeeper connection is in doubt.
 */
final class CoordinatorElection implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(CoordinatorElection.class);
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private final CuratorFramework zk;
  private final Registrations.Coordinator self;
  private final LeaderTerms terms;
  private final LeadershipState state;
  private final EventLoop loop;
  private final Runnable onElected;
  private final LeaderLatch latch;
  private final MemberRegistration member;
  private final ConnectionStateListener connectionListener = this::connectionChanged;

  CoordinatorElection(CuratorFramework zk, ZkPaths paths, Registrations.Coordinator self, LeaderTerms terms,
      LeadershipState state, EventLoop loop, Runnable onElected) {
    this.zk = zk;
    this.self = self;
    this.terms = terms;
    this.state = state;
    this.loop = loop;
    this.onElected = onElected;
    this.latch = new LeaderLatch(zk, paths.coordinatorLatch(), self.id());
    this.member = new MemberRegistration(zk, paths.coordinatorMember(self.id()), MetadataJson.write(self));
  }

  void start() throws Exception {
    zk.getConnectionStateListenable().addListener(connectionListener);
    latch.addListener(new LeaderLatchListener() {
      @Override
      public void isLeader() {
        takeLeadership();
      }

      @Override
      public void notLeader() {
        standBy("lost the leader latch");
      }
    }, loop.executor());
    member.ensure();
    latch.start();
  }

  /** Runs on the event loop: begins a term if elected and not already acting. */
  private void takeLeadership() {
    if (!latch.hasLeadership() || state.isLeader()) {
      return;
    }
    long standDowns = state.standDowns();
    Term term;
    try {
      term = terms.begin(self);
    } catch (Exception e) {
      LOG.warn("coordinator {} was elected but could not begin its term ({}); retrying in {}s",
          self.id(), e.toString(), RETRY_DELAY.toSeconds());
      loop.schedule(this::takeLeadership, RETRY_DELAY);
      return;
    }
    if (!state.lead(standDowns, term, latch::hasLeadership, () -> loop.execute(this::takeLeadership))) {
      LOG.info("coordinator {} does not act under epoch {}: its ZooKeeper connection was in doubt meanwhile",
          self.id(), term.epoch());
      return; // a reconnect or a new election brings it back here with a fresh term
    }
    LOG.info("coordinator {} at {} leads under epoch {}", self.id(), self.address(), term.epoch());
    onElected.run();
  }

  /** Runs on the event loop: a new session needs the member node again. */
  private void registerMember() {
    try {
      member.ensure();
    } catch (Exception e) {
      // Without a connection the next RECONNECTED tries again; with one, retry shortly.
      LOG.warn("coordinator {} could not register as a member: {}", self.id(), e.toString());
      if (zk.getZookeeperClient().isConnected()) {
        loop.schedule(this::registerMember, RETRY_DELAY);
      }
    }
  }

  private void standBy(String why) {
    if (state.epoch().isPresent()) {
      LOG.info("coordinator {} stands by: {}", self.id(), why);
    }
    state.standBy();
  }

  /** Runs on Curator's event thread: stop at once on doubt, re-check leadership on reconnect. */
  private void connectionChanged(CuratorFramework client, ConnectionState newState) {
    switch (newState) {
      case SUSPENDED, LOST -> standBy("ZooKeeper connection " + newState);
      case RECONNECTED -> loop.execute(() -> {
        registerMember();
        takeLeadership();
      });
      default -> LOG.debug("ZooKeeper connection {}", newState);
    }
  }

  @Override
  public void close() {
    state.standBy();
    zk.getConnectionStateListenable().removeListener(connectionListener);
    // The member node needs no removal: it goes with the session when the client closes.
    try {
      if (latch.getState() == LeaderLatch.State.STARTED) {
        latch.close(); // silent, and its node is deleted in the background: never blocks
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not leave the coordinator election cleanly", e);
    }
  }
}
