package io.tributary.cli.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows under headers, printed with aligned columns separated by two spaces; numeric columns can
 * be right-aligned. Confined to the thread that fills and prints it.
 */
public final class Table {
  private final String[] headers;
  private final boolean[] rightAligned;
  private final List<String[]> rows = new ArrayList<>();

  private Table(String... headers) {
    this.headers = headers.clone();
    this.rightAligned = new boolean[headers.length];
  }

  public static Table of(String... headers) {
    return new Table(headers);
  }

  /** Right-aligns the given (0-based) columns, for numbers. */
  public Table alignRight(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  /** Adds a row; cells are printed with {@link String#valueOf(Object)}, null as "-". */
  public Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells but the table has " + headers.length + " columns");
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  public void print(PrintWriter out) {
    int[] widths = new int[headers.length];
    measure(headers, widths);
    for (String[] row : rows) {
      measure(row, widths);
    }
    out.println(format(headers, widths));
    for (String[] row : rows) {
      out.println(format(row, widths));
    }
  }

  @Override
  public String toString() {
    StringWriter text = new StringWriter();
    print(new PrintWriter(text));
    return text.toString();
  }

  private static void measure(String[] cells, int[] widths) {
    for (int i = 0; i < cells.length; i++) {
      widths[i] = Math.max(widths[i], cells[i].length());
    }
  }

  private String format(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean last = i == cells.length - 1;
      if (i > 0) {
        line.append("  ");
      }
      if (rightAligned[i]) {
        pad(line, widths[i] - cells[i].length());
        line.append(cells[i]);
      } else {
        line.append(cells[i]);
        if (!last) {
          pad(line, widths[i] - cells[i].length());
        }
      }
    }
    return line.toString();
  }

  private static void pad(StringBuilder line, int n) {
    char[] spaces = new char[Math.max(0, n)];
    Arrays.fill(spaces, ' ');
    line.append(spaces);
  }
}
