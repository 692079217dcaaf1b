package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsToSigV4OnPort4567AndRefusesToStartWithoutKeys() {
    assertThatThrownBy(() -> new GatewayConfig(Configuration.of(Map.of())))
        .hasMessageContaining("gateway.auth").hasMessageContaining("--access-key");
    GatewayConfig config = new GatewayConfig(Configuration.of(Map.of("gateway.access-keys", "AKID1:s1,AKID2:s2")));
    assertThat(config.auth()).isEqualTo(AuthMode.SIGV4);
    assertThat(config.settings().port()).isEqualTo(4567);
    assertThat(config.keys().ids()).containsExactlyInAnyOrder("AKID1", "AKID2");
  }

  @Test
  void mergesTheKeyFileWithInlineKeys() throws Exception {
    Path file = Files.writeString(dir.resolve("keys"), "# team keys\nAKIDFILE secretFromFile\n");
    GatewayConfig config = new GatewayConfig(Configuration.of(Map.of(
        "gateway.access-keys-file", file.toString(), "gateway.access-keys", "AKIDINLINE:s")));
    assertThat(config.keys().secret("AKIDFILE")).contains("secretFromFile");
    assertThat(config.keys().secret("AKIDINLINE")).contains("s");
  }

  @Test
  void noneNeedsNoKeysAndUnknownModesAreRefused() {
    assertThat(new GatewayConfig(Configuration.of(Map.of("gateway.auth", "NONE"))).auth()).isEqualTo(AuthMode.NONE);
    assertThatThrownBy(() -> new GatewayConfig(Configuration.of(Map.of("gateway.auth", "basic"))))
        .hasMessageContaining("use sigv4 or none");
  }

  @Test
  void tlsNeedsBothFilesAndNamesTheOneMissing() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    assertThatThrownBy(() -> new GatewayConfig(Configuration.of(Map.of(
        "gateway.auth", "none", "gateway.tls.cert-file", cert.toString()))))
        .hasMessageContaining("gateway.tls.key-file").hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> new GatewayConfig(Configuration.of(Map.of(
        "gateway.auth", "none", "gateway.tls.key-file", key.toString()))))
        .hasMessageContaining("needs gateway.tls.cert-file");
    GatewayConfig tls = new GatewayConfig(Configuration.of(Map.of(
        "gateway.auth", "none", "gateway.tls.cert-file", cert.toString(), "gateway.tls.key-file", key.toString())));
    assertThat(tls.settings().tls()).isEqualTo(new GatewayTls(cert, key));
    assertThat(tls.settings().scheme()).isEqualTo("https");
    assertThat(new GatewayConfig(Configuration.of(Map.of("gateway.auth", "none"))).settings().scheme())
        .isEqualTo("http");
  }

  @Test
  void aMissingTlsFileIsNamedWithItsKey() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path absent = dir.resolve("no-such-key.pem");
    assertThatThrownBy(() -> new GatewayConfig(Configuration.of(Map.of("gateway.auth", "none",
        "gateway.tls.cert-file", cert.toString(), "gateway.tls.key-file", absent.toString()))))
        .hasMessageContaining("gateway.tls.key-file").hasMessageContaining(absent.toString())
        .hasMessageContaining("no readable file");
  }
}
