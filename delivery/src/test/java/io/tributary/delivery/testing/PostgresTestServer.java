package io.tributary.delivery.testing;

import io.tributary.common.testing.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL database for tests. With TRIB_TEST_POSTGRES_URL (+ _USER, _PASSWORD) set, each start
 * creates a fresh database on that server and close drops it; otherwise it runs its own server (initdb
 * + pg_ctl of the installed PostgreSQL, in a temp dir, on a free loopback port, with password
 * authentication), as the {@code postgres} user when running as root because PostgreSQL refuses
 * root. Not thread-safe: start and close from one thread; {@link #connect()} from any.
 */
public final class PostgresTestServer implements AutoCloseable {
  private static final String ENV_URL = "TRIB_TEST_POSTGRES_URL";
  private static final String SERVER_USER = "postgres";
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private String jdbcUrl;
  private String user;
  private String password;
  private String createdDatabase;
  private String adminUrl;
  private Path dir;
  private List<String> asServerUser = List.of();
  private Path binDir;

  /** Starts (or attaches to) the server and a fresh database; returns this for chaining. */
  public PostgresTestServer start() throws Exception {
    String url = System.getenv(ENV_URL);
    if (url != null && !url.isBlank()) {
      attach(url.trim(), System.getenv("TRIB_TEST_POSTGRES_USER"), System.getenv("TRIB_TEST_POSTGRES_PASSWORD"));
    } else {
      startOwnServer();
    }
    return this;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** A new connection to the test database; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  private void attach(String url, String user, String password) throws SQLException {
    this.user = user == null ? SERVER_USER : user;
    this.password = password == null ? "" : password;
    this.adminUrl = url;
    String database = "trib_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(url, this.user, this.password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    createdDatabase = database;
    jdbcUrl = withDatabase(url, database);
  }

  /** {@code url} with its database replaced, keeping host, port and parameters. */
  static String withDatabase(String url, String database) {
    String scheme = "jdbc:postgresql://";
    if (!url.startsWith(scheme)) {
      throw new IllegalArgumentException(ENV_URL + " must be jdbc:postgresql://HOST:PORT/DB, not " + url);
    }
    int slash = url.indexOf('/', scheme.length());
    int query = url.indexOf('?');
    String hostPart = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    String params = query < 0 ? "" : url.substring(query);
    return hostPart + "/" + database + params;
  }

  private void startOwnServer() throws Exception {
    binDir = findBinDir();
    dir = Files.createTempDirectory("trib-postgres");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      giveToServerUser(dir);
      asServerUser = List.of("runuser", "-u", SERVER_USER, "--");
    }
    user = "tributary";
    password = UUID.randomUUID().toString();
    Path pwFile = dir.resolve("pw");
    Files.writeString(pwFile, password + "\n");
    if (root) {
      giveToServerUser(pwFile);
    }
    Path data = dir.resolve("data");
    run("initdb", "-D", data.toString(), "-U", user, "--pwfile=" + pwFile, "--auth-host=scram-sha-256",
        "--auth-local=trust", "-E", "UTF8", "--no-locale", "--no-sync");
    int port = FreePorts.next();
    String serverOptions = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
        + " -c synchronous_commit=off -c full_page_writes=off";
    run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", serverOptions, "start");
    jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private static Path findBinDir() {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        var found = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(PostgresTestServer::majorVersion));
        if (found.isPresent()) {
          return found.get().resolve("bin");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list the installed PostgreSQL versions in " + root, e);
      }
    }
    throw new IllegalStateException("no PostgreSQL server is installed (no */bin/initdb under " + root
        + "); install the postgresql package or set " + ENV_URL + ", TRIB_TEST_POSTGRES_USER and"
        + " TRIB_TEST_POSTGRES_PASSWORD to a server where that user may create databases");
  }

  private static int majorVersion(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void giveToServerUser(Path path) throws IOException {
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(lookup.lookupPrincipalByName(SERVER_USER));
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVER_USER);
    view.setGroup(group);
  }

  private void run(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(asServerUser);
    command.add(binDir.resolve(tool).toString());
    command.addAll(List.of(args));
    File output = dir.resolve(tool + ".out").toFile();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(tool + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s: "
          + Files.readString(output.toPath()));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(tool + " failed with exit code " + p.exitValue() + ": "
          + Files.readString(output.toPath()));
    }
  }

  @Override
  public void close() throws Exception {
    if (createdDatabase != null) {
      try (Connection c = DriverManager.getConnection(adminUrl, user, password);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + createdDatabase + " WITH (FORCE)");
      }
      createdDatabase = null;
    }
    if (dir != null) {
      try {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "-t", "30", "stop");
      } finally {
        deleteRecursively(dir);
        dir = null;
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgreSQL at " + jdbcUrl;
  }
}
