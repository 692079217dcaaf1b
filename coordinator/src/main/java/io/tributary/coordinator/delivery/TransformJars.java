package io.tributary.coordinator.delivery;

import io.tributary.common.error.Errors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/** Checks that a transform jar holds the transform class it comes with. Stateless. */
final class TransformJars {
  private TransformJars() {}

  static void check(String transformClass, byte[] jar) {
    if (jar.length == 0) {
      return; // the class comes from the workers' own class path
    }
    if (transformClass.isEmpty()) {
      throw Errors.invalid("a transform jar was given without a transform class; add --transform CLASS");
    }
    String entry = transformClass.replace('.', '/') + ".class";
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        if (e.getName().equals(entry)) {
          return;
        }
      }
    } catch (IOException e) {
      throw Errors.invalid("the transform jar cannot be read (" + e.getMessage() + "); pass a jar file to"
          + " --transform-jar");
    }
    throw Errors.invalid("the transform jar holds no class '" + transformClass + "' (no entry " + entry
        + "); check --transform or rebuild the jar");
  }
}
