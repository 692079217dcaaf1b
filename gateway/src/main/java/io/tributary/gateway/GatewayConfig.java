package io.tributary.gateway;

import io.tributary.common.auth.AccessKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import io.tributary.gateway.kinesis.Arns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A gateway's validated configuration: where it listens, with or without TLS, how it checks
 * signatures and which keys it accepts. Immutable. Every key is declared here once; a bad value stops the gateway at start with a
 * message naming the key and the fix.
 */
public final class GatewayConfig {
  public static final int DEFAULT_PORT = 4567;

  public static final ConfigKey<String> HOST =
      ConfigKey.string("gateway.host", "127.0.0.1", "address the Kinesis-compatible HTTP endpoint binds to");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("gateway.port", DEFAULT_PORT, "port of the Kinesis-compatible HTTP endpoint; 0 picks a free one");
  public static final ConfigKey<String> AUTH =
      ConfigKey.string("gateway.auth", "sigv4", "sigv4 (check AWS signatures) or none (accept unsigned requests)");
  public static final ConfigKey<String> ACCESS_KEYS_FILE =
      ConfigKey.string("gateway.access-keys-file", "", "file of access keys, one 'ID:SECRET' or 'ID SECRET' a line");
  public static final ConfigKey<String> ACCESS_KEYS =
      ConfigKey.string("gateway.access-keys", "", "access keys as ID:SECRET, comma-separated, added to the file's");
  public static final ConfigKey<String> REGION =
      ConfigKey.string("gateway.region", "us-east-1", "region named in the ARNs the gateway returns");
  public static final ConfigKey<String> ACCOUNT_ID =
      ConfigKey.string("gateway.account-id", "000000000000", "twelve-digit account id named in returned ARNs");
  public static final ConfigKey<String> TLS_CERT_FILE = ConfigKey.string("gateway.tls.cert-file", "",
      "PEM certificate chain to serve TLS (https) with; needs gateway.tls.key-file; empty serves cleartext");
  public static final ConfigKey<String> TLS_KEY_FILE = ConfigKey.string("gateway.tls.key-file", "",
      "unencrypted PKCS#8 PEM private key of gateway.tls.cert-file");

  public static final List<ConfigKey<?>> KEYS =
      List.of(HOST, PORT, AUTH, ACCESS_KEYS_FILE, ACCESS_KEYS, REGION, ACCOUNT_ID, TLS_CERT_FILE, TLS_KEY_FILE);

  private final GatewaySettings settings;
  private final AuthMode auth;
  private final AccessKeys keys;
  private final Arns arns;

  public GatewayConfig(Configuration configuration) {
    String host = configuration.requireNonEmpty(HOST);
    int port = configuration.get(PORT);
    if (port < 0 || port > 65535) {
      throw Configuration.invalid(PORT, port, "use 0 to pick a free port, or 1 to 65535");
    }
    GatewaySettings cleartext = GatewaySettings.defaults(host, port);
    GatewayTls tls = tls(configuration);
    this.settings = tls == null ? cleartext : cleartext.withTls(tls);
    try {
      this.auth = AuthMode.parse(configuration.get(AUTH));
    } catch (IllegalArgumentException e) {
      throw Configuration.invalid(AUTH, configuration.get(AUTH), "use sigv4 or none");
    }
    this.keys = keys(configuration);
    if (auth == AuthMode.SIGV4 && keys.isEmpty()) {
      throw Configuration.invalid(AUTH, auth.label(), "sigv4 needs access keys: set " + ACCESS_KEYS_FILE.name()
          + " or " + ACCESS_KEYS.name() + " (--access-keys FILE / --access-key ID:SECRET), or use none for local"
          + " development");
    }
    String account = configuration.get(ACCOUNT_ID).trim();
    if (!account.matches("[0-9]{12}")) {
      throw Configuration.invalid(ACCOUNT_ID, account, "use twelve digits, e.g. 000000000000");
    }
    this.arns = new Arns(configuration.requireNonEmpty(REGION).trim(), account);
  }

  /** The TLS files when both are set and readable; null when neither is. */
  private static GatewayTls tls(Configuration configuration) {
    String cert = configuration.get(TLS_CERT_FILE).trim();
    String key = configuration.get(TLS_KEY_FILE).trim();
    if (cert.isEmpty() && key.isEmpty()) {
      return null;
    }
    if (cert.isEmpty() || key.isEmpty()) {
      ConfigKey<String> set = cert.isEmpty() ? TLS_KEY_FILE : TLS_CERT_FILE;
      ConfigKey<String> missing = cert.isEmpty() ? TLS_CERT_FILE : TLS_KEY_FILE;
      throw Configuration.invalid(set, cert.isEmpty() ? key : cert, "TLS needs " + missing.name() + " too"
          + " (--tls-cert FILE --tls-key FILE); set both, or neither to serve cleartext HTTP");
    }
    return new GatewayTls(readable(TLS_CERT_FILE, cert), readable(TLS_KEY_FILE, key));
  }

  private static Path readable(ConfigKey<String> key, String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw Configuration.invalid(key, file, "no readable file there; check the path and its permissions");
    }
    return path;
  }

  private static AccessKeys keys(Configuration configuration) {
    AccessKeys keys = AccessKeys.none();
    String file = configuration.get(ACCESS_KEYS_FILE).trim();
    if (!file.isEmpty()) {
      try {
        keys = AccessKeys.load(Path.of(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the access key file " + file + " (" + ACCESS_KEYS_FILE.name()
            + "): " + e.getMessage() + "; check the path and its permissions", e);
      }
    }
    String inline = configuration.get(ACCESS_KEYS).trim();
    if (!inline.isEmpty()) {
      keys = keys.with(AccessKeys.parse(inline.replace(',', '\n'), ACCESS_KEYS.name()));
    }
    return keys;
  }

  public GatewaySettings settings() {
    return settings;
  }

  public AuthMode auth() {
    return auth;
  }

  public AccessKeys keys() {
    return keys;
  }

  public Arns arns() {
    return arns;
  }
}
