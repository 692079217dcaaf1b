package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.delivery.testing.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delivery stream into a declared PostgreSQL table on real processes: 100,000 records through a
 * worker kill -9 become exactly 100,000 rows with distinct ids, each field in its column. Batches
 * sent again after the kill are recognised by their batch id and not inserted twice.
 */
@ExtendWith(SharedDeliveryCluster.class)
class DeliveryJdbcIT {
  private static DeliveryCluster cluster;
  private static PostgresTestServer postgres;

  @BeforeAll
  static void start(DeliveryCluster shared) throws Exception {
    cluster = shared;
    postgres = new PostgresTestServer().start();
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      // No key on purpose: a batch inserted twice would show as duplicate ids.
      s.execute("CREATE TABLE orders (id bigint NOT NULL, customer text NOT NULL, amount bigint NOT NULL)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void hundredThousandRecordsBecomeExactlyOneRowEachThroughAWorkerKill() throws Exception {
    Path errors = cluster.newDir("jdbc-errors");
    List<String> args = new ArrayList<>(List.of("--destination", postgres.jdbcUrl(),
        "--error-destination", errors.toUri().toString(),
        "--option", "jdbc.table=orders", "--option", "jdbc.columns=id,customer,amount",
        "--option", "jdbc.user=" + postgres.user()));
    if (!postgres.password().isEmpty()) {
      args.addAll(List.of("--option", "jdbc.password=" + postgres.password()));
    }
    args.addAll(DeliveryFilesIT.SMALL_BUFFERS);
    cluster.create("jdbc-kill", args.toArray(String[]::new));

    DeliveryWithKill.run(cluster, "jdbc-kill", () -> (int) query("SELECT count(DISTINCT id) FROM orders"));

    assertThat(query("SELECT count(*) FROM orders")).as("rows").isEqualTo(DeliveryWithKill.RECORDS);
    assertThat(query("SELECT count(DISTINCT id) FROM orders")).as("distinct ids").isEqualTo(DeliveryWithKill.RECORDS);
    assertThat(query("SELECT count(*) FROM orders WHERE amount <> id OR customer <> 'c' || (id % 5)"))
        .as("rows whose columns do not hold their record's fields").isZero();
    assertThat(query("SELECT min(id) FROM orders")).isZero();
    assertThat(query("SELECT max(id) FROM orders")).isEqualTo(DeliveryWithKill.RECORDS - 1);
    assertThat(query("SELECT count(*) FROM tributary_delivery_batches")).as("batches recorded").isPositive();
    assertThat(DeliveryRecords.files(errors)).as("error output").isEmpty();
    cluster.delete("jdbc-kill");
  }

  private static long query(String sql) {
    try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }
}
