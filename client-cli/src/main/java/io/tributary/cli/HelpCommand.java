package io.tributary.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trib help [COMMAND...]}: the usage of any command, however deep ("trib help stream put").
 * Confined to the command's thread. picocli's own help command only goes one level down.
 */
@Command(name = "help", description = "Show the help of any command, e.g. 'trib help stream put'.")
final class HelpCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, e.g. stream put.")
  private List<String> path = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine target = spec.root().commandLine();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new ParameterException(spec.commandLine(),
            "no command '" + String.join(" ", path) + "'; list the commands with 'trib help'");
      }
      target = next;
    }
    target.usage(spec.commandLine().getOut());
    return 0;
  }
}
