package io.tributary.cli.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every delivery IT class the same {@link DeliveryCluster}, started by the first class that
 * asks for one and closed when the test run ends. Thread-safe (JUnit's root store).
 *
 * <p>Starting five JVMs costs more than most delivery tests themselves on a small machine; the
 * classes only add and delete their own delivery streams, so one cluster serves them all. Its
 * directory stays under target/ so that the processes' logs can be read after a failure.
 */
final class SharedDeliveryCluster implements ParameterResolver {
  private static final Path DIR = Path.of("target", "delivery-it");

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DeliveryCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedDeliveryCluster.class))
        .getOrComputeIfAbsent(DeliveryCluster.class, key -> start(), DeliveryCluster.class);
  }

  private static DeliveryCluster start() {
    try {
      deleteRecursively(DIR);
      return new DeliveryCluster(DIR.toAbsolutePath());
    } catch (Exception e) {
      throw new IllegalStateException("the delivery test cluster did not start: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
