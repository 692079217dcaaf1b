package io.tributary.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@code bin/trib} command of the built distribution as its own process against a
 * coordinator, with a small heap, and returns its exit status and output. Thread-safe.
 */
final class EngineCli {
  private static final Path LAUNCHER = Path.of("target", "tributary", "bin", "trib");
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Path dir;
  private final String coordinator;

  EngineCli(Path dir, String coordinator) {
    this.dir = dir;
    this.coordinator = coordinator;
  }

  record Result(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** {@code trib ARGS...}; fails when it does not end within {@code timeout}. */
  Result run(Duration timeout, String... args) throws IOException, InterruptedException {
    return run(timeout, null, args);
  }

  /** As above, with the contents of {@code stdin} (null: none) as its standard input. */
  Result run(Duration timeout, Path stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toAbsolutePath().toString());
    command.add("--coordinator");
    command.add(coordinator);
    command.addAll(List.of(args));
    int n = RUNS.incrementAndGet();
    Path out = dir.resolve("cli-" + n + ".out");
    Path err = dir.resolve("cli-" + n + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    builder.environment().put("JAVA_OPTS", "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("'trib " + String.join(" ", args) + "' did not end within " + timeout
          + "; its stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
