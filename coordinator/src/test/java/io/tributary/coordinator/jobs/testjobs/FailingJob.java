package io.tributary.coordinator.jobs.testjobs;

/** A job main that throws before building anything. */
public final class FailingJob {
  private FailingJob() {}

  public static void main(String[] args) {
    throw new IllegalStateException("the input path is missing", new IllegalArgumentException("--input"));
  }
}
