package io.tributary.cli.bench;

import io.tributary.cli.Trib;
import io.tributary.common.error.Errors;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the jar of the benchmark jobs that ships with the distribution, {@code
 * examples/tributary-examples.jar} under the installation. Stateless.
 * <p>The launcher names the installation in the {@code trib.home} property; without it (an
 * embedded or test run) the installation is the parent of the directory holding the CLI's jar.
 */
final class BenchmarkJobs {
  static final String JAR = "examples/tributary-examples.jar";
  static final String HOME_PROPERTY = "trib.home";
  /** Main classes of the benchmark jobs, by the name {@code --job} takes. */
  static final Map<String, String> MAIN_CLASSES = Map.of(
      "stateless", "io.tributary.examples.bench.StatelessBenchmarkJob",
      "window", "io.tributary.examples.bench.WindowBenchmarkJob");

  private BenchmarkJobs() {}

  /** The shipped jar; fails naming where it looked and the {@code --jar} option. */
  static Path shippedJar() {
    Optional<Path> home = installation();
    Path jar = home.map(h -> h.resolve(JAR)).orElse(null);
    if (jar == null || !Files.isRegularFile(jar)) {
      throw Errors.invalid("the benchmark jobs' jar is not at " + (jar == null ? JAR + " of the installation" : jar)
          + "; give its path with --jar PATH");
    }
    return jar;
  }

  static Optional<Path> installation() {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property));
    }
    CodeSource source = Trib.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      // lib/tributary-cli-<version>.jar: the installation is two levels up.
      if (Files.isRegularFile(location) && location.getParent() != null && location.getParent().getParent() != null) {
        return Optional.of(location.getParent().getParent());
      }
      return Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw Errors.invalid("cannot tell where Tributary is installed from " + source.getLocation() + " (" + e.getMessage()
          + "); give the benchmark jobs' jar with --jar PATH");
    }
  }
}
