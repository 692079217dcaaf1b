package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.delivery.spec.DestinationUri;
import io.tributary.delivery.testing.PostgresTestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcDestinationIT {
  private static PostgresTestServer postgres;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = new PostgresTestServer().start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  private static Map<String, String> options(String table, String columns) {
    Map<String, String> o = new HashMap<>();
    o.put("jdbc.user", postgres.user());
    o.put("jdbc.password", postgres.password());
    o.put("jdbc.table", table);
    o.put("jdbc.columns", columns);
    return o;
  }

  private static DeliveryBatch batch(String key, String... records) {
    List<byte[]> rs = Arrays.stream(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    return new DeliveryBatch(key, null, rs, rs.size(), rs.stream().mapToLong(r -> r.length).sum(), 0);
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static List<String> rows(String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = postgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private Destination open(String table, String columns) {
    return Destinations.open(DestinationUri.parse(postgres.jdbcUrl()), options(table, columns));
  }

  @Test
  void insertsRowsCastFromJsonFieldsAndABatchDeliveredTwiceInsertsOnce() throws Exception {
    sql("CREATE TABLE clicks (id bigint, name text, at timestamptz, payload jsonb, ok boolean)");
    DeliveryBatch first = batch("clicks/o-1",
        "{\"id\":1,\"name\":\"a\",\"at\":\"2026-11-30T10:00:00Z\",\"payload\":{\"x\":[1,2]},\"ok\":true,\"extra\":9}",
        "{\"id\":2}");
    try (Destination d = open("clicks", "id,name,at,payload,ok")) {
      d.deliver(first);
      d.deliver(first);
      d.deliver(batch("clicks/o-2", "{\"id\":3,\"name\":\"c\"}"));
    }
    try (Destination again = open("clicks", "id,name,at,payload,ok")) {
      again.deliver(first);
    }
    assertThat(rows("SELECT id, name, at AT TIME ZONE 'UTC', payload, ok FROM clicks ORDER BY id")).containsExactly(
        "1|a|2026-11-30 10:00:00|{\"x\": [1, 2]}|t", "2|null|null|null|null", "3|c|null|null|null");
    assertThat(rows("SELECT batch_id FROM tributary_delivery_batches WHERE batch_id LIKE 'clicks/%' ORDER BY 1"))
        .containsExactly("clicks/o-1", "clicks/o-2");
  }

  @Test
  void aFailedBatchCommitsNothingAndTheNextAttemptReconnects() throws Exception {
    sql("CREATE TABLE views (id bigint NOT NULL)");
    try (Destination d = open("views", "id")) {
      assertThatThrownBy(() -> d.deliver(batch("views/o-1", "{\"id\":1}", "{\"id\":\"not a number\"}")))
          .hasMessageContaining("JDBC destination " + postgres.jdbcUrl() + ": batch views/o-1 failed (")
          .hasMessageContaining("SQL state 22P02");
      assertThat(rows("SELECT count(*) FROM views")).containsExactly("0");
      assertThatThrownBy(() -> d.deliver(batch("views/o-2", "[1]"))).hasMessageContaining("not a JSON object");

      d.deliver(batch("views/o-1", "{\"id\":1}", "{\"id\":2}"));
    }
    assertThat(rows("SELECT id FROM views ORDER BY id")).containsExactly("1", "2");
    assertThat(rows("SELECT batch_id FROM tributary_delivery_batches WHERE batch_id LIKE 'views/%'"))
        .containsExactly("views/o-1");
  }

  @Test
  void aMissingTableFailsUntilItIsCreated() throws Exception {
    try (Destination d = open("later", "id")) {
      assertThatThrownBy(() -> d.deliver(batch("later/o-1", "{\"id\":1}")))
          .hasMessageContaining("relation \"later\" does not exist");
      sql("CREATE TABLE later (id int)");
      d.deliver(batch("later/o-1", "{\"id\":1}"));
    }
    assertThat(rows("SELECT id FROM later")).containsExactly("1");
  }

  @Test
  void probeConnects() {
    DestinationUri uri = DestinationUri.parse(postgres.jdbcUrl());
    assertThat(Destinations.probe(uri, options("t", "a"), Duration.ofSeconds(10))).isEmpty();
    Map<String, String> wrong = options("t", "a");
    wrong.put("jdbc.password", "wrong");
    assertThat(Destinations.probe(uri, wrong, Duration.ofSeconds(10)))
        .hasValueSatisfying(w -> assertThat(w).contains("is not reachable now (").contains("password"));
  }
}
