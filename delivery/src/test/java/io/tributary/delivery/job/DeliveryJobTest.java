package io.tributary.delivery.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobResult;
import io.tributary.api.operators.SinkOperator;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeliveryJobTest {
  private static final DeliverySpec SPEC = new DeliverySpec("orders", "orders-delivery-source", true, 0,
      "file:///tmp/orders", Map.of(), 1024 * 1024, 60_000, OutputFormat.JSON, "", Compression.GZIP, null, null, "",
      Map.of(), true, "", 300_000, 3, 2_000);

  @Test
  void theMainSubmitsOneCheckpointedChainFromTheSourceStreamToTheDeliverySink() throws Exception {
    JobPlan plan = run(new String[] {SPEC.toJson()});

    assertThat(plan.jobName()).isEqualTo("delivery:orders");
    assertThat(plan.checkpoints().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(plan.restartStrategy())
        .isEqualTo(RestartStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertThat(plan.vertices()).singleElement().satisfies(vertex -> {
      assertThat(vertex.parallelism()).isEqualTo(3);
      List<ChainedNode> nodes = vertex.nodes();
      assertThat(nodes).hasSize(2);
      assertThat(nodes.get(0).function()).isInstanceOfSatisfying(StreamSource.class, source -> {
        assertThat(source.stream()).isEqualTo("orders-delivery-source");
        assertThat(source.start()).isEqualTo(StartingPosition.TRIM_HORIZON);
        assertThat(source.deserializer().deserialize("k", new byte[] {1, 2})).isEqualTo(new byte[] {1, 2});
      });
      assertThat(nodes.get(1).uid()).isEqualTo(DeliveryJob.SINK_UID);
      assertThat(((SinkOperator<?>) nodes.get(1).function()).sink()).isEqualTo(new DeliverySink(SPEC));
    });
  }

  @Test
  void theMainRefusesAnythingButOneSpec() {
    assertThatThrownBy(() -> run(new String[0])).hasMessageContaining("trib delivery create");
  }

  private static JobPlan run(String[] args) throws Exception {
    AtomicReference<JobPlan> submitted = new AtomicReference<>();
    JobExecutor capture = new JobExecutor() {
      @Override
      public int defaultParallelism() {
        return 1;
      }

      @Override
      public int maxParallelism() {
        return 128;
      }

      @Override
      public JobResult execute(JobPlan plan) {
        submitted.set(plan);
        return new JobResult("job-1");
      }
    };
    JobExecutors.callWith(capture, () -> {
      DeliveryJob.main(args);
      return null;
    });
    return submitted.get();
  }
}
