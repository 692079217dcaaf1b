package io.tributary.cli.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One real {@code bin/trib} process of the built distribution, with a small heap, its stdout
 * watched for the READY line and its stderr kept in a log file. Thread-safe.
 */
final class TribProcess implements AutoCloseable {
  private static final Path LAUNCHER = Path.of("target", "tributary", "bin", "trib");

  private final String name;
  private final Process process;
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final Path log;
  private final Consumer<String> lines;
  private volatile String address;

  private TribProcess(String name, Process process, Path log, Consumer<String> lines) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.lines = lines;
    Thread reader = new Thread(this::watchStdout, "stdout-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code trib ARGS...} with extra environment variables; logs go under {@code logDir}. */
  static TribProcess start(String name, Path logDir, Map<String, String> env, String... args) throws IOException {
    return start(name, logDir, env, line -> {}, args);
  }

  /** As above; every stdout line after READY also goes to {@code lines}, on a reader thread. */
  static TribProcess start(String name, Path logDir, Map<String, String> env, Consumer<String> lines, String... args)
      throws IOException {
    if (!Files.isExecutable(LAUNCHER)) {
      throw new IllegalStateException("the distribution is missing: run 'mvn package' first (" + LAUNCHER + ")");
    }
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    builder.environment().putAll(env);
    return new TribProcess(name, builder.start(), log, lines);
  }

  /** Waits (bounded) for the READY line and returns the address it names (its last word). */
  String awaitReady() throws Exception {
    try {
      String line = ready.get(60, TimeUnit.SECONDS);
      address = line.substring(line.lastIndexOf(' ') + 1);
      return address;
    } catch (Exception e) {
      throw new IllegalStateException(name + " did not print READY; its log:\n" + tail(), e);
    }
  }

  /** The whole READY line, once it was printed. */
  String readyLine() {
    return ready.getNow(null);
  }

  /** The address of the READY line, once it was printed. */
  String address() {
    return address;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The exit status of a process that has ended. */
  int exitValue() {
    return process.exitValue();
  }

  /** kill -9: no shutdown hook runs, nothing is flushed by the process. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Everything the process logged so far. */
  String wholeLog() throws IOException {
    return Files.readString(log);
  }

  String tail() {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void watchStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!ready.isDone() && line.startsWith("READY")) {
          ready.complete(line);
        } else {
          lines.accept(line);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException(name + " exited"));
  }
}
