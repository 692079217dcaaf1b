package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher as a separate process, as users and scripts do. */
class DistributionIT {
  private static final Path TRIB = Path.of("target", "tributary", "bin", "trib").toAbsolutePath();

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theDistributionHasTheLauncherLibrariesAndLogConfiguration() {
    Path home = TRIB.getParent().getParent();
    assertThat(Files.isExecutable(TRIB)).isTrue();
    assertThat(home.resolve("conf/log4j2.xml")).exists();
    assertThat(home.resolve("lib").toFile().list()).anyMatch(n -> n.startsWith("tributary-cli-"))
        .anyMatch(n -> n.startsWith("tributary-shard-broker-")).anyMatch(n -> n.startsWith("picocli-"))
        .noneMatch(n -> n.startsWith("tributary-examples"));
    assertThat(home.resolve("examples/tributary-examples.jar")).exists();
  }

  @Test
  void helpExitsZeroWithNothingButHelpOnStdout() throws Exception {
    Finished r = runToEnd("help");

    assertThat(r.exit).isZero();
    assertThat(r.out).contains("stream create", "bench produce", "job run");
    assertThat(r.err).isEmpty();
  }

  @Test
  void exitStatusesOfFailureAndBadUsage() throws Exception {
    Finished failed = runToEnd("--output", "json", "stream", "describe", "bad/name");
    Finished usage = runToEnd("stream", "create", "clicks");

    assertThat(failed.exit).isEqualTo(1);
    assertThat(failed.out).isEmpty();
    assertThat(failed.err.lines()).hasSize(1).first().asString().startsWith("InvalidArgument: invalid stream name");
    assertThat(usage.exit).isEqualTo(2);
    assertThat(usage.out).isEmpty();
  }

  @Test
  void zookeeperPrintsReadyAndExitsZeroOnSigterm() throws Exception {
    Running zk = start("zookeeper", "--dir", dir.resolve("zk").toString(), "--port", "0");

    String ready = zk.awaitLine(Duration.ofSeconds(60));
    assertThat(ready).matches("READY zookeeper standalone 127\\.0\\.0\\.1:\\d+");

    zk.process.destroy();
    assertThat(zk.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(zk.process.exitValue()).isZero();
    assertThat(zk.lines).containsExactly(ready);
  }

  @Test
  void localClusterPrintsReadyAndExitsZeroOnSigterm() throws Exception {
    Running local = start("local", "--port-base", "0", "--brokers", "2");

    String ready = local.awaitLine(Duration.ofSeconds(90));
    assertThat(ready).matches("READY coordinator=127\\.0\\.0\\.1:\\d+ kinesis=http://127\\.0\\.0\\.1:\\d+");
    String coordinator = ready.substring(ready.indexOf('=') + 1, ready.indexOf(' ', ready.indexOf('=')));
    Finished status = runToEnd("--coordinator", coordinator, "--output", "json", "cluster", "status");
    assertThat(status.exit).as(status.err).isZero();
    assertThat(status.out).contains("\"brokers\"");
    // The Kinesis-compatible endpoint of the distribution answers (unsigned: trib local's default).
    HttpResponse<String> streams = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(ready.substring(ready.indexOf("kinesis=") + 8) + "/"))
            .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
            .header("Content-Type", "application/x-amz-json-1.1")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streams.statusCode()).as(streams.body()).isEqualTo(200);
    assertThat(streams.body()).contains("\"StreamNames\"");

    local.process.destroy();
    assertThat(local.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(local.process.exitValue()).isZero();
  }

  private Finished runToEnd(String... args) throws Exception {
    Process p = builder(args).start();
    started.add(p);
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    Thread reader = drain(p.getInputStream(), out);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    return new Finished(p.exitValue(), out.toString(), err);
  }

  private Running start(String... args) throws IOException {
    ProcessBuilder builder = builder(args).redirectError(dir.resolve("stderr-" + started.size() + ".log").toFile());
    Process p = builder.start();
    started.add(p);
    Running running = new Running(p);
    Thread t = new Thread(() -> running.read(p.getInputStream()), "stdout-reader");
    t.setDaemon(true);
    t.start();
    return running;
  }

  private static ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(TRIB.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TRIB_HEAP", "256m");
    builder.environment().remove("TRIB_COORDINATOR");
    return builder;
  }

  private static Thread drain(InputStream in, StringBuilder into) {
    Thread t = new Thread(() -> {
      try {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        synchronized (into) {
          into.append(text);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "stdout-drain");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private record Finished(int exit, String out, String err) {}

  private static final class Running {
    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    Running(Process process) {
      this.process = process;
    }

    void read(InputStream in) {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(stdout failed: " + e + ")");
      }
    }

    String awaitLine(Duration wait) {
      await().atMost(wait).until(() -> !lines.isEmpty() || !process.isAlive());
      assertThat(lines).as("the process ended without printing a line").isNotEmpty();
      return lines.get(0);
    }
  }
}
