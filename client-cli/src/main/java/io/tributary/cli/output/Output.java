package io.tributary.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Where a command writes its result, in the format the user chose: with JSON exactly one document,
 * with tables free text. Confined to the command's thread.
 */
public final class Output {
  private final OutputFormat format;
  private final PrintWriter out;

  public Output(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  public boolean json() {
    return format == OutputFormat.JSON;
  }

  public PrintWriter writer() {
    return out;
  }

  /** Writes the command's one JSON document. */
  public void json(JsonNode document) {
    try {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
    }
    out.println();
  }

  public void table(Table table) {
    table.print(out);
  }

  public void line(String text) {
    out.println(text);
  }

  public void flush() {
    out.flush();
  }
}
