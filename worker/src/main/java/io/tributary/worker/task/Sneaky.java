package io.tributary.worker.task;

/**
 * Rethrows a checked exception from a method that cannot declare it. Stateless.
 *
 * <p>Chained operators are called through {@code Output.collect}, which declares nothing; wrapping
 * the user's exception would hide its class and message in the failure the job reports.
 */
final class Sneaky {
  private Sneaky() {}

  static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>doThrow(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E doThrow(Throwable t) throws E {
    throw (E) t;
  }
}
