package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.fakes.CapturingExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobResult;
import io.tributary.api.graph.JobVertex;
import org.junit.jupiter.api.Test;

class JobEnvironmentTest {

  /** A job's main as users write it. */
  static final class WordLengths {
    static void main(String[] args) throws Exception {
      JobArgs params = JobArgs.parse(args);
      JobEnvironment env = JobEnvironment.getExecutionEnvironment();
      env.readTextFile(params.required("input"))
          .flatMap((String line, io.tributary.api.functions.Collector<Integer> out) -> {
            for (String word : line.split(" ")) {
              out.collect(word.length());
            }
          })
          .keyBy(n -> n)
          .map(n -> n * 2)
          .writeAsText(params.required("output"));
      env.execute("word-lengths");
    }
  }

  @Test
  void runningMainWithACapturingExecutorYieldsThePlan() throws Exception {
    CapturingExecutor executor = new CapturingExecutor(3, 64);

    JobExecutors.callWith(executor, () -> {
      WordLengths.main(new String[] {"--input", "in", "--output", "out"});
      return null;
    });

    assertThat(executor.plans()).singleElement().satisfies(plan -> {
      assertThat(plan.jobName()).isEqualTo("word-lengths");
      assertThat(plan.maxParallelism()).isEqualTo(64);
      assertThat(plan.bounded()).isTrue();
      assertThat(plan.vertices()).extracting(JobVertex::name)
          .containsExactly("Source: Text in -> Flat Map", "Map -> Sink: Text out");
      assertThat(plan.vertices()).extracting(JobVertex::parallelism).containsExactly(3, 3);
    });
  }

  @Test
  void aSecondExecuteFailsClearly() throws Exception {
    CapturingExecutor executor = new CapturingExecutor(1, 128);
    JobEnvironment env = JobEnvironment.create(executor);
    env.fromSequence(1, 3).print();

    JobResult result = env.execute("once");

    assertThat(result.jobId()).isEqualTo("job-1");
    assertThatThrownBy(() -> env.execute("twice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("execute was already called")
        .hasMessageContaining("call execute once");
    assertThat(executor.plans()).hasSize(1);
  }

  @Test
  void outsideTheEngineGetExecutionEnvironmentExplainsHowToSubmit() {
    assertThatThrownBy(JobEnvironment::getExecutionEnvironment).hasMessageContaining("trib job run");
  }

  @Test
  void perOperatorParallelismAndNamesReachThePlan() {
    JobEnvironment env = JobEnvironment.create(new CapturingExecutor(4, 128));
    env.setParallelism(2);
    env.fromSequence(0, 9).name("numbers").setParallelism(1)
        .map(x -> x + 1).name("plus one")
        .print().setParallelism(1);

    JobPlan plan = env.plan("named");

    assertThat(plan.vertices()).extracting(JobVertex::name, JobVertex::parallelism)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("numbers", 1),
            org.assertj.core.groups.Tuple.tuple("plus one", 2),
            org.assertj.core.groups.Tuple.tuple("Sink: Print", 1));
  }
}
