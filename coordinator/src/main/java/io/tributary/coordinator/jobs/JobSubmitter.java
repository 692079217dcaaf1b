package io.tributary.coordinator.jobs;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.KeyGroups;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.jobs.JobClassLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * Turns an uploaded jar into a submitted job: validates it, stores it, runs its main under a
 * capturing executor, serializes and stores the plan, and closes the job's class loader.
 * Thread-safe (each submission has its own loader and files).
 *
 * <p>The coordinator keeps only the plan's bytes and shape, so no job class outlives its submission.
 */
public final class JobSubmitter {
  public static final int MAX_PARALLELISM_LIMIT = 32768;
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final JobArtifacts artifacts;
  private final PlanCapture capture;
  private final ClassLoader parent;

  public JobSubmitter(JobArtifacts artifacts, java.time.Duration mainBound, ClassLoader parent) {
    this.artifacts = artifacts;
    this.capture = new PlanCapture(mainBound);
    this.parent = parent;
  }

  /** Validates and captures a job; on any failure nothing of it stays on disk. */
  public SubmittedJob submit(byte[] jar, String mainClass, List<String> args, int parallelism, int maxParallelism) {
    int max = maxParallelism(maxParallelism);
    int par = parallelism(parallelism, max);
    requireJar(jar);
    String id = JobIds.newId();
    Path path = artifacts.storeJar(id, jar);
    boolean stored = false;
    try {
      SubmittedJob job = capture(id, path, mainClass, args.toArray(String[]::new), par, max);
      stored = true;
      return job;
    } finally {
      if (!stored) {
        artifacts.delete(id);
      }
    }
  }

  static int maxParallelism(int requested) {
    if (requested < 0 || requested > MAX_PARALLELISM_LIMIT) {
      throw Errors.invalid("max parallelism " + requested + " is out of bounds: use 1 to " + MAX_PARALLELISM_LIMIT
          + ", or 0 for " + KeyGroups.DEFAULT_MAX_PARALLELISM);
    }
    return requested == 0 ? KeyGroups.DEFAULT_MAX_PARALLELISM : requested;
  }

  static int parallelism(int requested, int maxParallelism) {
    if (requested < 0 || requested > maxParallelism) {
      throw Errors.invalid("parallelism " + requested + " is out of bounds: use 1 to the max parallelism ("
          + maxParallelism + "), or 0 for 1; raise --max-parallelism for more");
    }
    return requested == 0 ? 1 : requested;
  }

  private static void requireJar(byte[] jar) {
    if (jar == null || jar.length == 0) {
      throw Errors.invalid("the job jar is empty; build the job into a jar and pass its path to 'trib job run JAR'");
    }
    if (jar.length < ZIP_MAGIC.length || !java.util.Arrays.equals(jar, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0,
        ZIP_MAGIC.length)) {
      throw notAJar("it does not start like a zip file");
    }
  }

  private SubmittedJob capture(String id, Path path, String mainClass, String[] args, int par, int max) {
    String className = mainClassName(path, mainClass);
    try (JobClassLoader loader = new JobClassLoader(id, path, parent)) {
      Method main = mainMethod(loader, className);
      JobPlan plan = capture.run(id, main, args, loader, new CapturingExecutor(id, par, max));
      requireFits(plan, max);
      byte[] bytes = serialize(plan, className);
      artifacts.storePlan(id, bytes);
      PlanShape shape = PlanShape.of(plan);
      if (shape.jobName() == null || shape.jobName().isBlank()) {
        shape = shape.withJobName(main.getDeclaringClass().getSimpleName());
      }
      return new SubmittedJob(id, shape, bytes, par, max, className, List.of(args));
    } catch (IOException e) {
      throw new TributaryException(ErrorCode.INTERNAL, "cannot close the class loader of job " + id + ": "
          + e.getMessage(), e);
    }
  }

  private static String mainClassName(Path jar, String requested) {
    if (requested != null && !requested.isBlank()) {
      return requested.trim();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String name = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      if (name == null || name.isBlank()) {
        throw Errors.invalid("the job jar names no Main-Class in its manifest; pass the class with"
            + " 'trib job run JAR --class NAME' or set Main-Class when building the jar");
      }
      return name.trim();
    } catch (ZipException e) {
      throw notAJar(e.getMessage());
    } catch (IOException e) {
      throw notAJar(e.toString());
    }
  }

  private static Method mainMethod(ClassLoader loader, String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw Errors.invalid("class '" + className + "' cannot be loaded from the job jar (" + e
          + "); check the class name given with --class or the manifest's Main-Class");
    }
    try {
      Method main = type.getMethod("main", String[].class);
      if (Modifier.isStatic(main.getModifiers()) && main.getReturnType() == void.class) {
        return main;
      }
    } catch (NoSuchMethodException e) {
      // reported below, with the other shapes of a wrong main
    }
    throw Errors.invalid("class '" + className + "' has no 'public static void main(String[] args)'; give the class"
        + " that builds the job with --class");
  }

  private static void requireFits(JobPlan plan, int maxParallelism) {
    if (plan.vertices().isEmpty()) {
      throw Errors.invalid("the job '" + plan.jobName() + "' has no operators; add a source and a sink");
    }
    for (JobVertex v : plan.vertices()) {
      if (v.parallelism() < 1 || v.parallelism() > maxParallelism) {
        throw Errors.invalid("operator '" + v.name() + "' has parallelism " + v.parallelism()
            + ", out of bounds: use 1 to the max parallelism (" + maxParallelism + ")");
      }
    }
  }

  private static byte[] serialize(JobPlan plan, String className) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    } catch (NotSerializableException e) {
      throw Errors.invalid("the job built by " + className + " cannot be shipped to workers: " + e.getMessage()
          + " is not Serializable; operators and functions must be Serializable (make that class implement"
          + " java.io.Serializable, or do not capture it in a lambda)");
    } catch (IOException e) {
      throw Errors.invalid("the job built by " + className + " cannot be serialized: " + e
          + "; operators and functions must be Serializable");
    }
    return bytes.toByteArray();
  }

  private static TributaryException notAJar(String why) {
    return Errors.invalid("the uploaded file is not a jar (" + why + "); pass the job's jar file to 'trib job run'");
  }
}
