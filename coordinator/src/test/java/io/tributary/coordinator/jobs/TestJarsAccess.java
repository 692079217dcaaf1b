package io.tributary.coordinator.jobs;

/** Opens {@link TestJars} to tests of the coordinator package. Stateless. */
public final class TestJarsAccess {
  private TestJarsAccess() {}

  public static byte[] jobJar(Class<?> mainClass) {
    return TestJars.jobJar(mainClass);
  }
}
