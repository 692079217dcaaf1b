package io.tributary.cli.bench;

import java.util.ArrayList;
import java.util.List;

/** Closes what was opened, in reverse order, reporting every failure. Confined to one thread. */
final class Closer implements AutoCloseable {
  private final List<AutoCloseable> resources = new ArrayList<>();

  <T extends AutoCloseable> T add(T resource) {
    resources.add(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
