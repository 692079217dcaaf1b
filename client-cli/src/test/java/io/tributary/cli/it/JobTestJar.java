package io.tributary.cli.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the test's own job classes ({@link JobThatFails}, {@link JobWithSlowSink} and their nested
 * classes) into a job jar, as a user's build would. Stateless.
 */
final class JobTestJar {
  private JobTestJar() {}

  static Path write(Path jar, Class<?>... jobs) throws IOException, URISyntaxException {
    Path classes = Path.of(JobTestJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Class<?> job : jobs) {
        String path = job.getName().replace('.', '/');
        Path folder = classes.resolve(path).getParent();
        String simple = job.getSimpleName();
        try (Stream<Path> files = Files.list(folder)) {
          for (Path f : files.filter(p -> p.getFileName().toString().equals(simple + ".class")
              || p.getFileName().toString().startsWith(simple + "$")).sorted().toList()) {
            out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}
