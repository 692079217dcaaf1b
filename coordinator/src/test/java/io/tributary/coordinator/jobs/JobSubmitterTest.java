package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.graph.JobPlan;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.jobs.JobClassLoader;
import io.tributary.coordinator.jobs.testjobs.FailingJob;
import io.tributary.coordinator.jobs.testjobs.NoExecuteJob;
import io.tributary.coordinator.jobs.testjobs.NotSerializableJob;
import io.tributary.coordinator.jobs.testjobs.StuckJob;
import io.tributary.coordinator.jobs.testjobs.TwiceJob;
import io.tributary.coordinator.jobs.testjobs.TwoVertexJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSubmitterTest {
  @TempDir Path dir;
  private JobSubmitter submitter;

  @BeforeEach
  void setUp() {
    submitter = new JobSubmitter(new JobArtifacts(dir), Duration.ofSeconds(2), getClass().getClassLoader());
  }

  @Test
  void capturesThePlanTheMainBuildsWithTheJarsOwnClassesAndStoresJarAndPlan() throws Exception {
    byte[] jar = TestJars.jobJar(TwoVertexJob.class);

    SubmittedJob job = submitter.submit(jar, "", List.of("doubler"), 3, 0);

    assertThat(job.id()).matches("[0-9a-f]{32}");
    assertThat(job.parallelism()).isEqualTo(3);
    assertThat(job.maxParallelism()).isEqualTo(128);
    assertThat(job.shape().jobName()).isEqualTo("doubler");
    assertThat(job.shape().vertices()).extracting(PlanShape.VertexShape::name, PlanShape.VertexShape::parallelism)
        .containsExactly(org.assertj.core.api.Assertions.tuple("numbers", 3),
            org.assertj.core.api.Assertions.tuple("double -> print", 3));
    assertThat(job.shape().vertex(2).inputSources()).containsExactly(1);
    assertThat(Files.readAllBytes(dir.resolve(job.id()).resolve("job.jar"))).isEqualTo(jar);
    assertThat(Files.readAllBytes(dir.resolve(job.id()).resolve("plan.bin"))).isEqualTo(job.plan());
    try (JobClassLoader loader = new JobClassLoader(job.id(), dir.resolve(job.id()).resolve("job.jar"),
        getClass().getClassLoader())) {
      JobPlan plan = (JobPlan) JobClassLoader.deserialize(job.plan(), loader);
      Object function = plan.vertex(1).head().function();
      assertThat(function.getClass().getClassLoader()).isSameAs(loader);
    }
  }

  @Test
  void aNamedMainClassWinsOverTheManifest() {
    SubmittedJob job = submitter.submit(TestJars.jobJar(null), TwoVertexJob.class.getName(), List.of(), 0, 16);
    assertThat(job.parallelism()).isEqualTo(1);
    assertThat(job.maxParallelism()).isEqualTo(16);
  }

  @Test
  void mainFailuresBecomeInvalidArgumentWithTheUsersTextAndLeaveNoFiles() throws Exception {
    assertInvalid(() -> submitter.submit(TestJars.jobJar(FailingJob.class), "", List.of(), 1, 0),
        "the main method of " + FailingJob.class.getName() + " failed: java.lang.IllegalStateException: the input"
            + " path is missing; caused by java.lang.IllegalArgumentException: --input");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(NoExecuteJob.class), "", List.of(), 1, 0),
        "returned without calling execute()");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(TwiceJob.class), "", List.of(), 1, 0),
        "execute() was called a second time");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(StuckJob.class), "", List.of(), 1, 0),
        "did not return within 2s and was interrupted");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(NotSerializableJob.class), "", List.of(), 1, 0),
        "java.lang.Object is not Serializable");
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void rejectsBadJarsAndMainClassesNamingTheFix() {
    assertInvalid(() -> submitter.submit(new byte[0], "", List.of(), 1, 0), "the job jar is empty");
    assertInvalid(() -> submitter.submit("hello".getBytes(), "", List.of(), 1, 0), "is not a jar");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(null), "", List.of(), 1, 0), "--class NAME");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(null), "com.example.Missing", List.of(), 1, 0),
        "class 'com.example.Missing' cannot be loaded from the job jar");
    assertInvalid(() -> submitter.submit(TestJars.jobJar(null), TestJars.class.getName(), List.of(), 1, 0),
        "has no 'public static void main(String[] args)'");
  }

  @Test
  void rejectsParallelismOutOfBounds() {
    byte[] jar = TestJars.jobJar(TwoVertexJob.class);
    assertInvalid(() -> submitter.submit(jar, "", List.of(), -1, 0), "parallelism -1 is out of bounds");
    assertInvalid(() -> submitter.submit(jar, "", List.of(), 129, 0), "use 1 to the max parallelism (128)");
    assertInvalid(() -> submitter.submit(jar, "", List.of(), 1, 32769), "max parallelism 32769 is out of bounds");
  }

  private static void assertInvalid(ThrowingCallable call, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(TributaryException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT)).hasMessageContaining(messagePart);
  }
}
