package io.tributary.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Renders the command list of {@code trib help} as the whole tree ("stream create", "stream
 * split", ...) instead of only the top-level groups, so one page shows every command. Stateless.
 */
final class CommandTree implements IHelpSectionRenderer {
  private static final String INDENT = "  ";

  @Override
  public String render(Help help) {
    List<String[]> rows = new ArrayList<>();
    collect(help.commandSpec(), "", rows);
    int width = 0;
    for (String[] row : rows) {
      width = Math.max(width, row[0].length());
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(INDENT).append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1]).append('\n');
    }
    return out.toString();
  }

  private static void collect(CommandSpec spec, String prefix, List<String[]> rows) {
    for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (!e.getKey().equals(sub.name())) {
        continue; // an alias
      }
      String path = prefix + e.getKey();
      if (isExecutable(sub) || sub.subcommands().isEmpty()) {
        rows.add(new String[] {path, firstLine(sub)});
      }
      collect(sub, path + " ", rows);
    }
  }

  private static boolean isExecutable(CommandSpec spec) {
    Object command = spec.userObject();
    return command instanceof Runnable || command instanceof Callable;
  }

  private static String firstLine(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : description[0];
  }
}
