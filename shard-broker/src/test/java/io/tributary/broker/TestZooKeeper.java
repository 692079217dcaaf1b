package io.tributary.broker;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ZooKeeper for all tests of a class: register it as a static extension, and it is closed (its
 * data directory deleted) after the last test. Thread-safe. Each test takes a cluster name of its
 * own, so it starts from an empty cluster without paying for a server of its own.
 */
final class TestZooKeeper implements AfterAllCallback {
  private final TestingServer server;
  private final AtomicInteger clusters = new AtomicInteger();

  TestZooKeeper() {
    try {
      server = new TestingServer(true);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the test ZooKeeper", e);
    }
  }

  String connectString() {
    return server.getConnectString();
  }

  /** A cluster name no other test of the class has used. */
  String newCluster(String prefix) {
    return prefix + clusters.incrementAndGet();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }
}
