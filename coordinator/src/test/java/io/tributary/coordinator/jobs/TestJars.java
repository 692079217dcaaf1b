package io.tributary.coordinator.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs the compiled test job classes into jar bytes, as a user's build would. Stateless. */
final class TestJars {
  static final String PACKAGE = "io/tributary/coordinator/jobs/testjobs/";

  private TestJars() {}

  /** A jar with every class of the test jobs package and, when not null, a manifest Main-Class. */
  static byte[] jobJar(Class<?> mainClass) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      for (Path file : classFiles()) {
        jar.putNextEntry(new JarEntry(PACKAGE + file.getFileName()));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<Path> classFiles() throws IOException {
    try {
      Path dir = Path.of(TestJars.class.getClassLoader().getResource(PACKAGE).toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
