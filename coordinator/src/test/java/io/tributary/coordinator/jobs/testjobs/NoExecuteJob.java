package io.tributary.coordinator.jobs.testjobs;

/** A job main that forgets to call execute. */
public final class NoExecuteJob {
  private NoExecuteJob() {}

  public static void main(String[] args) {
    // builds nothing
  }
}
