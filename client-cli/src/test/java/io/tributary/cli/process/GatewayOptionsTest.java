package io.tributary.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.cli.TestCli;
import io.tributary.cli.Trib;
import io.tributary.gateway.AuthMode;
import io.tributary.gateway.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The options of {@code trib gateway} and the endpoint of {@code trib local}. */
class GatewayOptionsTest {
  @TempDir Path dir;

  @Test
  void gatewayChecksSignaturesWithTheKeysOfFileAndFlags() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"), "AKIDFILE secretA\n");
    GatewayConfig config = gateway("gateway", "--port", "0", "--host", "0.0.0.0", "--access-keys", keys.toString(),
        "--access-key", "AKID1:s1", "--access-key", "AKID2:s2", "--set", "gateway.region=eu-west-1").configuration();

    assertThat(config.auth()).isEqualTo(AuthMode.SIGV4);
    assertThat(config.keys().ids()).containsExactlyInAnyOrder("AKIDFILE", "AKID1", "AKID2");
    assertThat(config.settings().host()).isEqualTo("0.0.0.0");
    assertThat(config.settings().port()).isZero();
    assertThat(config.arns().region()).isEqualTo("eu-west-1");
  }

  @Test
  void gatewayWithoutKeysNeedsAuthNone() {
    assertThatThrownBy(() -> gateway("gateway").configuration())
        .isInstanceOf(ParameterException.class).hasMessageContaining("--access-key");
    GatewayConfig open = gateway("gateway", "--auth", "none").configuration();
    assertThat(open.auth()).isEqualTo(AuthMode.NONE);
    assertThat(open.settings().port()).isEqualTo(GatewayConfig.DEFAULT_PORT);
    assertThatThrownBy(() -> gateway("gateway", "--auth", "basic").configuration())
        .hasMessageContaining("sigv4 (check signatures) or none");
  }

  @Test
  void localEndpointIsUnsignedOnBasePlus82UnlessKeysAreGiven() {
    GatewayConfig open = local("local", "--port-base", "7400").gatewayConfig();
    assertThat(open.auth()).isEqualTo(AuthMode.NONE);
    assertThat(open.settings().port()).isEqualTo(7482);
    assertThat(local("local", "--port-base", "0").gatewayConfig().settings().port()).isZero();

    GatewayConfig signed = local("local", "--port-base", "0", "--kinesis-port", "4567",
        "--access-key", "AKID1:s1").gatewayConfig();
    assertThat(signed.auth()).isEqualTo(AuthMode.SIGV4);
    assertThat(signed.settings().port()).isEqualTo(4567);
  }

  private static GatewayCommand gateway(String... args) {
    return (GatewayCommand) parse(args);
  }

  private static LocalCommand local(String... args) {
    return (LocalCommand) parse(args);
  }

  private static Object parse(String... args) {
    CommandLine trib = Trib.commandLine(new TestCli().context());
    return trib.parseArgs(args).subcommand().commandSpec().userObject();
  }
}
