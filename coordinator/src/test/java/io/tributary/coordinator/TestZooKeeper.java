package io.tributary.coordinator;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ZooKeeper for all tests of a class: register it as a static extension, and it is closed (its
 * data directory deleted) after the last test. Confined to the test thread. Its short tick allows
 * sessions of a few seconds (at most 20 ticks), so tests see expiry quickly.
 */
final class TestZooKeeper implements AfterAllCallback {
  private final TestingServer server;

  TestZooKeeper() {
    try {
      server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 200, -1), true);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the test ZooKeeper", e);
    }
  }

  TestingServer server() {
    return server;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }
}
