package io.tributary.coordinator.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar holding only a manifest that names the main class. Stateless.
 *
 * <p>A delivery job without a transform jar is submitted with one: every job ships a jar, and an
 * empty one makes the coordinator and workers load the job's classes from their own class path.
 */
final class ManifestJar {
  private ManifestJar() {}

  static byte[] naming(String mainClass) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      jar.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a jar in memory: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }
}
