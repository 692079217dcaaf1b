package io.tributary.cli.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.cli.output.Json;
import io.tributary.client.ReceivedRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints what {@code trib stream tail} processes: each record as one line, and each checkpoint as
 * one line after the records it covers, as JSON Lines or as text. Thread-safe (each batch is printed
 * whole under the printer's lock): shard workers of the application call it concurrently.
 */
final class TailPrinter {
  private final PrintWriter out;
  private final boolean json;
  private final RecordText text = new RecordText();
  private final JsonGenerator generator;

  TailPrinter(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
    this.generator = json ? Json.generator(out) : null;
  }

  /** {"shard","sequence","partitionKey","data"} per record ("dataBase64" for binary data), then a flush. */
  synchronized void records(List<ReceivedRecord> records) {
    for (ReceivedRecord r : records) {
      if (json) {
        writeJson(r);
      } else {
        out.printf("%-20s  %10d  %-24s  %s%n", r.shardId(), r.sequenceNumber(), r.partitionKey(), text.forTable(r.data()));
      }
    }
    out.flush();
  }

  /** {"checkpoint":{"shard","sequence"}}: a sequence number, or "SHARD_END" once the shard is done. */
  synchronized void checkpoint(String shardId, String sequence) {
    if (json) {
      try {
        generator.writeStartObject();
        generator.writeObjectFieldStart("checkpoint");
        generator.writeStringField("shard", shardId);
        if (sequence.chars().allMatch(Character::isDigit)) {
          generator.writeNumberField("sequence", Long.parseLong(sequence));
        } else {
          generator.writeStringField("sequence", sequence);
        }
        generator.writeEndObject();
        generator.writeEndObject();
        generator.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
      }
      out.println();
    } else {
      out.println("checkpoint " + shardId + " " + sequence);
    }
    out.flush();
  }

  synchronized void line(String line) {
    out.println(line);
    out.flush();
  }

  private void writeJson(ReceivedRecord r) {
    try {
      generator.writeStartObject();
      generator.writeStringField("shard", r.shardId());
      generator.writeNumberField("sequence", r.sequenceNumber());
      generator.writeStringField("partitionKey", r.partitionKey());
      String data = text.textOrNull(r.data());
      if (data != null) {
        generator.writeStringField("data", data);
      } else {
        generator.writeStringField("dataBase64", RecordText.base64(r.data()));
      }
      generator.writeEndObject();
      generator.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
    }
    out.println();
  }
}
