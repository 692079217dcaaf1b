package io.tributary.gateway;

import static org.awaitility.Awaitility.await;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerServer;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import io.tributary.coordinator.CoordinatorConfig;
import io.tributary.coordinator.CoordinatorServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What the gateway ITs run against: a real ZooKeeper, coordinator and broker in this JVM, a client,
 * and a gateway serving a given operation table; SDK clients pointed at it. Confined to the test's
 * setup and teardown.
 */
public final class InProcessCluster implements AutoCloseable {
  public static final Duration BOUND = Duration.ofSeconds(30);

  private final Path dir;
  private final String name;
  private TestingServer zookeeper;
  private CoordinatorServer coordinator;
  private BrokerServer broker;
  private TributaryClient client;
  private GatewayServer gateway;
  private String scheme = "http";
  private final List<SdkAutoCloseable> sdkClients = new ArrayList<>();

  private InProcessCluster(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** Starts the cluster; the broker runs on {@code brokerClock} (a test may move it). */
  public static InProcessCluster start(Path dir, String name, Clock brokerClock) throws Exception {
    InProcessCluster cluster = new InProcessCluster(dir, name);
    try {
      cluster.zookeeper = new TestingServer(true);
      cluster.coordinator = CoordinatorServer.start(new CoordinatorConfig(Configuration.of(cluster.keys("coordinator"))),
          Clock.systemUTC());
      Map<String, String> brokerKeys = cluster.keys("broker");
      brokerKeys.put("broker.id", "1");
      brokerKeys.put("broker.subscribe-heartbeat-interval", "1s"); // idle subscriptions see events soon
      cluster.broker = BrokerServer.start(new BrokerConfig(Configuration.of(brokerKeys)), brokerClock);
      cluster.client = TributaryClient.connect(ClientOptions.of(cluster.coordinator.address()));
      TributaryClient client = cluster.client;
      await().atMost(BOUND).ignoreExceptions().until(() -> client.clusterStatus().getBrokersCount() == 1);
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  public static InProcessCluster start(Path dir, String name) throws Exception {
    return start(dir, name, Clock.systemUTC());
  }

  /** Serves {@code table} on a free port of 127.0.0.1, unsigned. */
  public GatewayServer serve(OperationTable table) {
    return serve(table, GatewaySettings.defaults("127.0.0.1", 0));
  }

  /** Serves {@code table} unsigned with {@code settings} (e.g. with TLS); {@link #sdk} follows its scheme. */
  public GatewayServer serve(OperationTable table, GatewaySettings settings) {
    gateway = GatewayServer.start(settings, table, Clock.systemUTC());
    scheme = settings.scheme();
    return gateway;
  }

  /**
   * An SDK client of any AWS service pointed at the gateway ({@code https://} when it serves TLS; the
   * builder's HTTP client must then trust its certificate), with dummy credentials; closed with the
   * cluster.
   */
  public <B extends AwsClientBuilder<B, C>, C extends SdkAutoCloseable> C sdk(B builder) {
    C client = builder.endpointOverride(URI.create(scheme + "://" + gateway.address()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build();
    sdkClients.add(client);
    return client;
  }

  public TributaryClient client() {
    return client;
  }

  public String zookeeperAddress() {
    return zookeeper.getConnectString();
  }

  public String coordinatorAddress() {
    return coordinator.address();
  }

  private Map<String, String> keys(String role) {
    return new HashMap<>(Map.of(
        CommonKeys.ZOOKEEPER.name(), zookeeper.getConnectString(),
        CommonKeys.CLUSTER.name(), name,
        CommonKeys.HOST.name(), "127.0.0.1",
        CommonKeys.PORT.name(), "0",
        CommonKeys.DIR.name(), dir.resolve(role).toString()));
  }

  @Override
  public void close() throws Exception {
    sdkClients.forEach(SdkAutoCloseable::close);
    for (AutoCloseable c : new AutoCloseable[] {gateway, client, broker, coordinator, zookeeper}) {
      if (c != null) {
        c.close();
      }
    }
  }
}
