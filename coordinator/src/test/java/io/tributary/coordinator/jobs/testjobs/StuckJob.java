package io.tributary.coordinator.jobs.testjobs;

import java.util.concurrent.CountDownLatch;

/** A job main that waits forever (until interrupted) instead of returning. */
public final class StuckJob {
  private StuckJob() {}

  public static void main(String[] args) throws InterruptedException {
    new CountDownLatch(1).await();
  }
}
