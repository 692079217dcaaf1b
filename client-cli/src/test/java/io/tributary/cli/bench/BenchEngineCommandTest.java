package io.tributary.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeJobControl;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.JobState;
import io.tributary.proto.v1.SubmitJobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trib bench engine against a coordinator whose JobControl answers are scripted. */
class BenchEngineCommandTest {
  private static final String ID = "fedcba9876543210fedcba9876543210";

  @TempDir Path dir;
  private FakeJobControl coordinator;
  private Path jar;

  @BeforeEach
  void start() throws Exception {
    coordinator = new FakeJobControl();
    jar = dir.resolve("examples.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4});
  }

  @AfterEach
  void stop() {
    coordinator.close();
  }

  @Test
  void submitsTheBenchmarkJobAndReportsEventsPerSecondOverTheNetRunTime() {
    coordinator.accepted = job(JobState.JOB_CREATED, 0, 0, "");
    coordinator.describeAnswers(job(JobState.JOB_FINISHED, 1_800_000_001_000L, 1_800_000_005_000L, ""));

    TestCli.Result r = TestCli.run("--coordinator", coordinator.address(), "bench", "engine", "--job", "window",
        "--events", "1000000", "--parallelism", "3", "--jar", jar.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    SubmitJobRequest sent = (SubmitJobRequest) coordinator.requests.get(0);
    assertThat(sent.getMainClass()).isEqualTo("io.tributary.examples.bench.WindowBenchmarkJob");
    assertThat(sent.getArgsList()).containsExactly("--events", "1000000");
    assertThat(sent.getParallelism()).isEqualTo(3);
    assertThat(r.outLines()).hasSize(2);
    assertThat(r.outLines().get(0)).matches("WALL events=1000000 seconds=[0-9.]+ events_per_s=[0-9.]+");
    assertThat(r.outLines().get(1)).isEqualTo("RESULT events=1000000 seconds=4.000 events_per_s=250000.0");
  }

  @Test
  void aCheckpointIntervalGoesToTheJobAndABadOneIsBadUsage() {
    coordinator.accepted = job(JobState.JOB_CREATED, 0, 0, "");
    coordinator.describeAnswers(job(JobState.JOB_FINISHED, 1_800_000_001_000L, 1_800_000_005_000L, ""));

    TestCli.Result r = TestCli.run("--coordinator", coordinator.address(), "bench", "engine", "--job", "window",
        "--events", "1000", "--checkpoint-interval", "1s", "--jar", jar.toString());
    TestCli.Result bad = TestCli.run("--coordinator", coordinator.address(), "bench", "engine", "--job", "window",
        "--checkpoint-interval", "soon", "--jar", jar.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((SubmitJobRequest) coordinator.requests.get(0)).getArgsList())
        .containsExactly("--events", "1000", "--checkpoint-interval", "1s");
    assertThat(r.err()).contains("checkpoint interval 1s");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(coordinator.requests).filteredOn(SubmitJobRequest.class::isInstance).hasSize(1);
  }

  @Test
  void aFailedBenchmarkJobExitsOneWithoutAResult() {
    coordinator.accepted = job(JobState.JOB_CREATED, 0, 0, "");
    coordinator.describeAnswers(job(JobState.JOB_FAILED, 0, 1_800_000_005_000L, "java.lang.OutOfMemoryError: heap\n"));

    TestCli.Result r = TestCli.run("--coordinator", coordinator.address(), "bench", "engine", "--job", "stateless",
        "--jar", jar.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).last().asString().startsWith("JobFailed: job " + ID + " failed: java.lang.OutOfMemoryError: heap");
  }

  @Test
  void withoutTheShippedJarTheErrorNamesTheJarOption() {
    TestCli.Result r = TestCli.run("--coordinator", coordinator.address(), "bench", "engine", "--job", "stateless");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith("InvalidArgument: the benchmark jobs' jar is not at ")
        .endsWith("give its path with --jar PATH");
    assertThat(coordinator.requests).isEmpty();
  }

  private static JobDescription job(JobState state, long running, long end, String failure) {
    return JobDescription.newBuilder().setJobId(ID).setName("bench").setState(state).setParallelism(3)
        .setSubmitTimeMs(1_800_000_000_000L).setRunningTimeMs(running).setEndTimeMs(end).setFailure(failure).build();
  }
}
