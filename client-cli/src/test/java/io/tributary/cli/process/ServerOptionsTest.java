package io.tributary.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.TestCli;
import io.tributary.cli.Trib;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import io.tributary.worker.WorkerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ServerOptionsTest {
  private static final ConfigKey<Integer> BROKER_ID = ConfigKey.integer(ServerKeys.BROKER_ID, 0, "");
  private static final ConfigKey<Boolean> QUOTAS = ConfigKey.bool(ServerKeys.QUOTA_ENABLED, false, "");

  @TempDir Path dir;

  @Test
  void optionsOverrideTheFileWhichOverridesDefaults() throws Exception {
    Path file = dir.resolve("broker.yaml");
    Files.writeString(file, """
        zookeeper:
          connect: zk-from-file:2181
          session-timeout: 9s
        server:
          port: 9000
          dir: /from/file
        broker:
          id: 7
        """);

    Configuration c = ((BrokerCommand) command("broker", "--config", file.toString(), "--port", "9100",
        "--dir", dir.toString(), "--cluster", "blue", "--id", "3", "--no-quotas",
        "--set", "quota.write-records-per-second=50")).configuration();

    assertThat(c.get(CommonKeys.ZOOKEEPER)).isEqualTo("zk-from-file:2181");
    assertThat(c.get(CommonKeys.ZK_SESSION_TIMEOUT)).isEqualTo(Duration.ofSeconds(9));
    assertThat(c.get(CommonKeys.PORT)).isEqualTo(9100);
    assertThat(c.get(CommonKeys.DIR)).isEqualTo(dir.toString());
    assertThat(c.get(CommonKeys.CLUSTER)).isEqualTo("blue");
    assertThat(c.get(BROKER_ID)).isEqualTo(3);
    assertThat(c.get(QUOTAS)).isFalse();
    assertThat(c.get(ConfigKey.integer("quota.write-records-per-second", 1000, ""))).isEqualTo(50);
  }

  @Test
  void workerTakesItsIdAndSlotsFromTheOptions() {
    Configuration c = ((WorkerCommand) command("worker", "--zookeeper", "127.0.0.1:2181", "--port", "0",
        "--id", "w-7", "--slots", "6", "--dir", dir.toString())).configuration();

    assertThat(c.get(WorkerConfig.ID)).isEqualTo("w-7");
    assertThat(c.get(WorkerConfig.SLOTS)).isEqualTo(6);
    assertThat(c.get(CommonKeys.ZOOKEEPER)).isEqualTo("127.0.0.1:2181");
    assertThat(c.get(CommonKeys.DIR)).isEqualTo(dir.toString());
  }

  @Test
  void withoutAFileTheOptionsAlone() {
    Configuration c = ((CoordinatorCommand) command("coordinator", "--zookeeper", "127.0.0.1:2181",
        "--port", "0", "--host", "10.1.2.3")).configuration();

    assertThat(c.get(CommonKeys.ZOOKEEPER)).isEqualTo("127.0.0.1:2181");
    assertThat(c.get(CommonKeys.PORT)).isZero();
    assertThat(c.get(CommonKeys.HOST)).isEqualTo("10.1.2.3");
    assertThat(c.get(CommonKeys.CLUSTER)).isEqualTo("tributary");
  }

  @Test
  void quotasStayUnsetUnlessAsked() {
    assertThat(((BrokerCommand) command("broker")).configuration().get(QUOTAS)).isFalse();
    assertThat(((BrokerCommand) command("broker", "--quotas")).configuration().get(QUOTAS)).isTrue();
  }

  private static Object command(String... args) {
    CommandLine trib = Trib.commandLine(new TestCli().context());
    ParseResult parsed = trib.parseArgs(args);
    return parsed.subcommand().commandSpec().userObject();
  }
}
