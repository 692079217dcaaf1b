package io.tributary.gateway;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The certificate chain and private key the gateway serves TLS with, as PEM files. Immutable. The
 * files are read when a server starts, so a bad key stops the start with a message naming the file
 * rather than failing every client's handshake later.
 *
 * @param certificateChain PEM certificate chain, the server's certificate first
 * @param privateKey unencrypted PKCS#8 PEM private key of that certificate
 */
public record GatewayTls(Path certificateChain, Path privateKey) {
  private static final String CONVERT_KEY =
      "it must be an unencrypted PKCS#8 PEM key ('-----BEGIN PRIVATE KEY-----'); convert one with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'";

  /**
   * A server context offering {@code h2} and {@code http/1.1} by ALPN on the JDK's TLS. Fails naming
   * the file that could not be used and how to fix it.
   */
  public SslContext newServerContext() {
    SslContextBuilder builder;
    try {
      builder = SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(unusable(e), e);
    }
    try {
      return builder.sslProvider(SslProvider.JDK)
          // HTTP/2 forbids the weaker suites TLS 1.2 would otherwise offer (RFC 7540, section 9.2.2)
          .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(new ApplicationProtocolConfig(
              ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
              ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot serve TLS with the certificate " + certificateChain + " and the key "
          + privateKey + ": " + e.getMessage() + "; check that the key belongs to the certificate", e);
    }
  }

  /** Netty names the file it could not parse; say which key that is and what it must hold. */
  private String unusable(IllegalArgumentException e) {
    String detail = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
    if (String.valueOf(e.getMessage()).contains("private key")) {
      return "cannot read the TLS private key " + privateKey + " (" + GatewayConfig.TLS_KEY_FILE.name() + "): "
          + detail + "; " + CONVERT_KEY;
    }
    return "cannot read the TLS certificate chain " + certificateChain + " (" + GatewayConfig.TLS_CERT_FILE.name()
        + "): " + detail + "; it must hold PEM certificates ('-----BEGIN CERTIFICATE-----'), the server's own first";
  }
}
