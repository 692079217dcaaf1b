package io.tributary.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.cli.TestCli;
import io.tributary.cli.Trib;
import io.tributary.gateway.GatewayConfig;
import io.tributary.gateway.GatewayTls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** {@code --tls-cert} and {@code --tls-key} of {@code trib gateway} and {@code trib local}. */
class TlsOptionsTest {
  @TempDir Path dir;

  @Test
  void bothFlagsServeHttpsFromEitherCommand() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "");
    Path key = Files.writeString(dir.resolve("key.pem"), "");
    GatewayConfig gateway = ((GatewayCommand) parse("gateway", "--auth", "none",
        "--tls-cert", cert.toString(), "--tls-key", key.toString())).configuration();
    assertThat(gateway.settings().tls()).isEqualTo(new GatewayTls(cert, key));
    assertThat(gateway.settings().scheme()).isEqualTo("https");

    GatewayConfig local = ((LocalCommand) parse("local", "--port-base", "0",
        "--tls-cert", cert.toString(), "--tls-key", key.toString())).gatewayConfig();
    assertThat(local.settings().scheme()).isEqualTo("https");
    assertThat(LocalWithGateway.readyLine("127.0.0.1:7400", local.settings().scheme(), "127.0.0.1:7482"))
        .isEqualTo("READY coordinator=127.0.0.1:7400 kinesis=https://127.0.0.1:7482");
    assertThat(((LocalCommand) parse("local", "--port-base", "0")).gatewayConfig().settings().scheme())
        .isEqualTo("http");
  }

  @Test
  void oneFlagAloneIsAUsageErrorNamingTheOther() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "");
    assertThatThrownBy(() -> ((GatewayCommand) parse("gateway", "--auth", "none", "--tls-cert", cert.toString()))
        .configuration()).isInstanceOf(ParameterException.class).hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> ((LocalCommand) parse("local", "--port-base", "0", "--tls-key", cert.toString()))
        .gatewayConfig()).isInstanceOf(ParameterException.class).hasMessageContaining("--tls-cert");
  }

  private static Object parse(String... args) {
    return Trib.commandLine(new TestCli().context()).parseArgs(args).subcommand().commandSpec().userObject();
  }
}
