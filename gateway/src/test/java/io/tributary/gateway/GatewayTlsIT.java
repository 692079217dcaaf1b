package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.ClientOptions;
import io.tributary.common.auth.AccessKeys;
import io.tributary.gateway.kinesis.Arns;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The gateway serving TLS with a certificate made in the test: the SDK's sync client (HTTP/1.1),
 * its async client with ALPN (HTTP/2) and without (HTTP/2 by prior knowledge inside TLS), a
 * subscription, and SigV4 over HTTP/2 with TLS; a cleartext request to the port gets no HTTP answer.
 */
class GatewayTlsIT {
  private static final Duration BOUND = InProcessCluster.BOUND;
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static GatewayServer gateway;
  private static KeyStore keyStore;
  private static GatewayTls tls;

  @BeforeAll
  static void start() throws Exception {
    keyStore = selfSignedKeyStore(dir.resolve("gateway.p12"));
    tls = writePem(keyStore, dir);
    cluster = InProcessCluster.start(dir.resolve("cluster"), "tls-it");
    OperationTable table = Gateway.operations(cluster.client(), ClientOptions.of(cluster.coordinatorAddress()),
        Arns.defaults(), Clock.systemUTC());
    gateway = cluster.serve(table, GatewaySettings.defaults("127.0.0.1", 0).withTls(tls));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the gateway and the SDK clients it made
    }
  }

  @Test
  void syncClientCreatesPutsAndListsOverHttp1WithTls() {
    KinesisClient kinesis = cluster.sdk(KinesisClient.builder()
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(GatewayTlsIT::trustManagers)));
    kinesis.createStream(r -> r.streamName("tls-sync").shardCount(1));
    String sequence = kinesis.putRecord(r -> r.streamName("tls-sync").partitionKey("k")
        .data(SdkBytes.fromUtf8String("over tls"))).sequenceNumber();
    assertThat(sequence).isNotEmpty();
    assertThat(kinesis.listStreams().streamNames()).contains("tls-sync");
  }

  @Test
  void asyncClientsCreatePutAndListOverHttp2WithOrWithoutAlpn() throws Exception {
    for (KinesisAsyncClient kinesis : List.of(asyncClient(ProtocolNegotiation.ALPN),
        asyncClient(ProtocolNegotiation.ASSUME_PROTOCOL))) {
      String stream = "tls-async-" + kinesis.hashCode();
      kinesis.createStream(r -> r.streamName(stream).shardCount(1)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(kinesis.putRecord(r -> r.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String("v")))
          .get(BOUND.toSeconds(), TimeUnit.SECONDS).sequenceNumber()).isNotEmpty();
      assertThat(kinesis.listStreams().get(BOUND.toSeconds(), TimeUnit.SECONDS).streamNames()).contains(stream);
    }
    // the SDK does not say which protocol it used; the JDK client does, and it only reaches h2 by ALPN
    SSLContext trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trustManagers(), null);
    HttpClient jdk = HttpClient.newBuilder().sslContext(trusting).version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> response = jdk.send(HttpRequest.newBuilder(URI.create("https://" + gateway.address() + "/"))
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
        .header("Content-Type", "application/x-amz-json-1.1")
        .timeout(BOUND)
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("StreamNames");
  }

  @Test
  void aCleartextRequestToTheTlsPortGetsNoHttpAnswer() throws Exception {
    byte[] answer;
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout((int) BOUND.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\n"
          + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      answer = in.readAllBytes(); // until the gateway closes the connection
    }
    assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/");
  }

  @Test
  void subscribeToShardDeliversOverTls() throws Exception {
    KinesisAsyncClient kinesis = asyncClient(ProtocolNegotiation.ALPN);
    kinesis.createStream(r -> r.streamName("tls-sub").shardCount(1)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    String consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN(Arns.defaults().stream("tls-sub"))
        .consumerName("c")).get(BOUND.toSeconds(), TimeUnit.SECONDS).consumer().consumerARN();
    List<Record> received = new CopyOnWriteArrayList<>();
    AtomicBoolean opened = new AtomicBoolean();
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onResponse(r -> opened.set(true))
        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
            .onSubscribeToShardEvent((SubscribeToShardEvent e) -> received.addAll(e.records())).build())
        .build();
    CompletableFuture<Void> subscription = kinesis.subscribeToShard(r -> r.consumerARN(consumerArn)
        .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)), handler);
    try {
      await().atMost(BOUND).until(() -> opened.get() || subscription.isDone());
      assertThat(opened).as("subscription opened (%s)", subscription).isTrue();
      kinesis.putRecord(r -> r.streamName("tls-sub").partitionKey("k").data(SdkBytes.fromUtf8String("pushed")))
          .get(BOUND.toSeconds(), TimeUnit.SECONDS);
      await().atMost(BOUND).until(() -> !received.isEmpty());
      assertThat(received).extracting(r -> r.data().asUtf8String()).containsExactly("pushed");
    } finally {
      subscription.cancel(true);
    }
  }

  @Test
  void signedRequestsOverHttp2WithTlsAreVerified() {
    OperationTable table = OperationTable.builder().kinesis("ListStreams", input -> {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.putArray("StreamNames").add("signed-over-tls");
      out.put("HasMoreStreams", false);
      return out;
    }).build();
    GatewayAuth auth = GatewayAuth.sigv4(AccessKeys.of(Map.of("AKIDTLS", "tlsSecret0123")), Clock.systemUTC());
    try (GatewayServer signed = GatewayServer.start(GatewaySettings.defaults("127.0.0.1", 0).withTls(tls), auth,
            table, Clock.systemUTC());
        KinesisAsyncClient right = signedClient(signed, "tlsSecret0123");
        KinesisAsyncClient wrong = signedClient(signed, "notTheSecret")) {
      assertThat(right.listStreams().orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join().streamNames())
          .containsExactly("signed-over-tls");
      assertThatThrownBy(() -> wrong.listStreams().orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e.getCause()).awsErrorDetails().errorCode())
              .isEqualTo("InvalidSignatureException"));
    }
  }

  @Test
  void aKeyThatIsNotPkcs8PemIsRefusedAtStartNamingTheFile() throws Exception {
    Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
            + "-----END RSA PRIVATE KEY-----\n");
    GatewayTls bad = new GatewayTls(tls.certificateChain(), pkcs1);
    assertThatThrownBy(() -> GatewayServer.start(GatewaySettings.defaults("127.0.0.1", 0).withTls(bad),
            OperationTable.builder().build(), Clock.systemUTC()))
        .hasMessageContaining(pkcs1.toString())
        .hasMessageContaining("gateway.tls.key-file")
        .hasMessageContaining("PKCS#8");
  }

  private static KinesisAsyncClient asyncClient(ProtocolNegotiation negotiation) {
    return cluster.sdk(KinesisAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()
        .protocol(Protocol.HTTP2).protocolNegotiation(negotiation)
        .tlsTrustManagersProvider(GatewayTlsIT::trustManagers)));
  }

  private static KinesisAsyncClient signedClient(GatewayServer server, String secret) {
    return KinesisAsyncClient.builder().endpointOverride(URI.create("https://" + server.address()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTLS", secret)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
            .protocolNegotiation(ProtocolNegotiation.ALPN).tlsTrustManagersProvider(GatewayTlsIT::trustManagers))
        .build();
  }

  private static javax.net.ssl.TrustManager[] trustManagers() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(keyStore);
      return factory.getTrustManagers();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the test certificate", e);
    }
  }

  /** A self-signed localhost certificate from the JDK's keytool: the JDK has no public API to sign one. */
  private static KeyStore selfSignedKeyStore(Path file) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool: %s", output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, STORE_PASSWORD);
    }
    return store;
  }

  /** The keystore's certificate and key as the PEM files the gateway is configured with. */
  private static GatewayTls writePem(KeyStore pemSource, Path into) throws Exception {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    byte[] certificate = pemSource.getCertificate("gateway").getEncoded();
    byte[] key = pemSource.getKey("gateway", STORE_PASSWORD).getEncoded(); // PKCS#8
    Path cert = Files.writeString(into.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + base64.encodeToString(certificate) + "\n-----END CERTIFICATE-----\n");
    Path keyFile = Files.writeString(into.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + base64.encodeToString(key) + "\n-----END PRIVATE KEY-----\n");
    return new GatewayTls(cert, keyFile);
  }
}
