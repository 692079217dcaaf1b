package io.tributary.cli.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.client.ReceivedRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Prints records as they are read, without holding them: a JSON array (one document), JSON Lines
 * (one object per line, for {@code --follow}), or table rows with fixed column widths. Confined to
 * the reading thread.
 */
abstract class RecordPrinter implements AutoCloseable {
  protected final RecordText text = new RecordText();

  static RecordPrinter create(Output output, boolean follow) {
    if (!output.json()) {
      return new TableRows(output.writer());
    }
    return follow ? new JsonLines(output.writer()) : new JsonArray(output.writer());
  }

  abstract void print(List<ReceivedRecord> records);

  /** Ends the output (closes the JSON array); also called after a failure. */
  @Override
  public abstract void close();

  /** {"shard","sequence","partitionKey","arrival","data"} or "dataBase64" for binary data. */
  protected final void writeObject(JsonGenerator json, ReceivedRecord r) throws IOException {
    json.writeStartObject();
    json.writeStringField("shard", r.shardId());
    json.writeNumberField("sequence", r.sequenceNumber());
    json.writeStringField("partitionKey", r.partitionKey());
    json.writeStringField("arrival", Instant.ofEpochMilli(r.arrivalMillis()).toString());
    String data = text.textOrNull(r.data());
    if (data != null) {
      json.writeStringField("data", data);
    } else {
      json.writeStringField("dataBase64", RecordText.base64(r.data()));
    }
    json.writeEndObject();
  }

  private static final class JsonArray extends RecordPrinter {
    private final JsonGenerator json;
    private final PrintWriter out;

    JsonArray(PrintWriter out) {
      this.out = out;
      this.json = Json.generator(out);
      try {
        json.writeStartArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void print(List<ReceivedRecord> records) {
      try {
        for (ReceivedRecord r : records) {
          writeObject(json, r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        json.writeEndArray();
        json.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.println();
      out.flush();
    }
  }

  private static final class JsonLines extends RecordPrinter {
    private final JsonGenerator json;
    private final PrintWriter out;

    JsonLines(PrintWriter out) {
      this.out = out;
      this.json = Json.generator(out);
    }

    @Override
    void print(List<ReceivedRecord> records) {
      try {
        for (ReceivedRecord r : records) {
          writeObject(json, r);
          json.flush();
          out.println();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }

  private static final class TableRows extends RecordPrinter {
    private static final String FORMAT = "%-20s  %10s  %-24s  %-";
    private final PrintWriter out;
    private String rowFormat;

    TableRows(PrintWriter out) {
      this.out = out;
    }

    @Override
    void print(List<ReceivedRecord> records) {
      if (records.isEmpty()) {
        return;
      }
      if (rowFormat == null) {
        // Rows are printed as they arrive, so the key column is sized from the first batch.
        int keyWidth = 3;
        for (ReceivedRecord r : records) {
          keyWidth = Math.max(keyWidth, Math.min(40, r.partitionKey().length()));
        }
        rowFormat = FORMAT + keyWidth + "s  %s%n";
        out.printf(rowFormat, "SHARD", "SEQUENCE", "ARRIVAL", "KEY", "DATA");
      }
      for (ReceivedRecord r : records) {
        out.printf(rowFormat, r.shardId(), r.sequenceNumber(), Instant.ofEpochMilli(r.arrivalMillis()),
            r.partitionKey(), text.forTable(r.data()));
      }
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
