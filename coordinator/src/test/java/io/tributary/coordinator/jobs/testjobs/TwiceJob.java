package io.tributary.coordinator.jobs.testjobs;

/** A job main that calls execute twice. */
public final class TwiceJob {
  private TwiceJob() {}

  public static void main(String[] args) throws Exception {
    TwoVertexJob.main(args);
    TwoVertexJob.main(args);
  }
}
