package io.tributary.common.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads one job's classes from its jar, child-first, so that a job may bring its own versions of
 * libraries and its classes unload when the job ends and the loader is closed. The engine's own
 * contract ({@code io.tributary.api}), the JDK and logging always come from the parent, so that the
 * engine and the job agree on those types. Thread-safe (as URLClassLoader).
 */
public final class JobClassLoader extends URLClassLoader {
  private static final List<String> PARENT_FIRST =
      List.of("java.", "javax.", "jdk.", "sun.", "io.tributary.api.", "org.apache.logging.log4j.", "org.slf4j.");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final String jobId;

  public JobClassLoader(String jobId, Path jar, ClassLoader parent) {
    super("job-" + jobId, new URL[] {toUrl(jar)}, parent);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = parentFirst(name) ? super.loadClass(name, false) : childFirst(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> childFirst(String name) throws ClassNotFoundException {
    try {
      return findClass(name);
    } catch (ClassNotFoundException notInJar) {
      return super.loadClass(name, false);
    }
  }

  private static boolean parentFirst(String name) {
    for (String prefix : PARENT_FIRST) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : super.getResource(name);
  }

  /** Reads a Java-serialized object (a job plan) resolving classes through {@code loader}. */
  public static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new LoaderObjectInputStream(new java.io.ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    }
  }

  private static URL toUrl(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException("job jar path '" + jar + "' is not a valid URL", e);
    }
  }

  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
