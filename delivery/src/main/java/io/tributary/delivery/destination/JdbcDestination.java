package io.tributary.delivery.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;

/**
 * Inserts each batch's records as rows of a PostgreSQL table, one transaction per batch that also
 * records the batch id in {@code tributary_delivery_batches}; a batch whose id is already there is
 * skipped, so a batch delivered again after a recovery inserts nothing. Each column is filled from
 * the record's JSON field of the same name (missing: NULL), sent untyped so PostgreSQL casts the
 * text to the column's type. Confined to one delivering thread. The connection opens at the first
 * batch and is dropped after any failure, so the next attempt starts from a fresh one.
 */
final class JdbcDestination implements Destination {
  static final String BATCHES_TABLE = "tributary_delivery_batches";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Serializes concurrent CREATE TABLE IF NOT EXISTS of the subtasks, which can otherwise collide. */
  private static final long CREATE_LOCK = 0x7472696264656c69L;

  private final String url;
  private final Properties properties;
  private final String insertSql;
  private final List<String> columns;
  private Connection connection;

  JdbcDestination(String url, Properties properties, String table, List<String> columns) {
    this.url = url;
    this.properties = properties;
    this.columns = List.copyOf(columns);
    this.insertSql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
  }

  @Override
  public void deliver(DeliveryBatch batch) throws IOException {
    try {
      Connection c = connection();
      if (claim(c, batch.key())) {
        insertRows(c, batch.records());
      }
      c.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      IOException failure = new IOException("JDBC destination " + describe() + ": batch " + batch.key()
          + " failed (" + detail(e) + ")", e);
      dropConnection(failure);
      throw failure;
    }
  }

  private static String detail(Exception e) {
    if (!(e instanceof SQLException sql)) {
      return e.getMessage();
    }
    SQLException next = sql.getNextException();
    String message = next != null ? next.getMessage() : sql.getMessage();
    return message + ", SQL state " + (next != null ? next.getSQLState() : sql.getSQLState());
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = DriverManager.getConnection(url, properties);
      try {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
          s.execute("CREATE TABLE IF NOT EXISTS " + BATCHES_TABLE
              + " (batch_id text PRIMARY KEY, delivered_at timestamptz NOT NULL)");
        }
        c.commit();
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      connection = c;
    }
    return connection;
  }

  /** Records the batch id; false when an earlier delivery of the batch already committed. */
  private static boolean claim(Connection c, String batchId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + BATCHES_TABLE
        + " (batch_id, delivered_at) VALUES (?, now()) ON CONFLICT (batch_id) DO NOTHING")) {
      s.setString(1, batchId);
      return s.executeUpdate() == 1;
    }
  }

  private void insertRows(Connection c, List<byte[]> records) throws SQLException, IOException {
    try (PreparedStatement s = c.prepareStatement(insertSql)) {
      for (int i = 0; i < records.size(); i++) {
        JsonNode row = JSON.readTree(records.get(i));
        if (row == null || !row.isObject()) {
          throw new IOException("record " + i + " of the batch is not a JSON object; JDBC destinations"
              + " fill columns from the fields of JSON objects (transform the records into objects)");
        }
        bind(s, row);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void bind(PreparedStatement s, JsonNode row) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      JsonNode v = row.get(columns.get(i));
      if (v == null || v.isNull() || v.isMissingNode()) {
        s.setNull(i + 1, Types.VARCHAR);
      } else {
        s.setString(i + 1, v.isValueNode() ? v.asText() : v.toString());
      }
    }
  }

  /** Closes the connection after a failure; the next batch opens a fresh one. */
  private void dropConnection(IOException failure) {
    Connection c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException closeFailure) {
      failure.addSuppressed(closeFailure);
    }
  }

  @Override
  public String describe() {
    return url;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      Connection c = connection;
      connection = null;
      c.close();
    }
  }
}
