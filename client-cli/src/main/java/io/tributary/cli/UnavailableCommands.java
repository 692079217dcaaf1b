package io.tributary.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/**
 * The commands of the documented command line that this version does not have yet. They appear in
 * {@code trib help} so that the whole surface is visible, and fail with exit status 1 and
 * {@code Unsupported: '<cmd>' is not available in this version}, whatever arguments they get.
 * Stateless.
 */
final class UnavailableCommands {
  private static final String NOT_YET = " (not available in this version)";

  private UnavailableCommands() {}

  static void addGroups(CommandLine root, IFactory factory) {
    root.addSubcommand("delivery", group("delivery", "Deliver streams to storage without code", factory,
        leaf("delivery create", "NAME --destination URI [--source stream:NAME|direct] [options]",
            "Create a delivery stream", factory),
        leaf("delivery put", "NAME [--data TEXT]", "Put records into a delivery stream", factory),
        leaf("delivery list", "", "List delivery streams", factory),
        leaf("delivery describe", "NAME", "Describe a delivery stream", factory),
        leaf("delivery delete", "NAME", "Delete a delivery stream", factory)));
  }

  private static CommandLine leaf(String path, String arguments, String description, IFactory factory) {
    CommandLine command = new CommandLine(new Unavailable(path), factory);
    CommandSpec spec = command.getCommandSpec();
    spec.usageMessage()
        .description(description + NOT_YET)
        .customSynopsis(("trib " + path + " " + arguments).trim());
    return command;
  }

  private static CommandLine group(String name, String description, IFactory factory, CommandLine... leaves) {
    CommandLine group = new CommandLine(new Group(), factory);
    group.getCommandSpec().usageMessage().description(description + NOT_YET);
    for (CommandLine leaf : leaves) {
      String path = ((Unavailable) leaf.getCommand()).path;
      group.addSubcommand(path.substring(path.lastIndexOf(' ') + 1), leaf);
    }
    return group;
  }

  /** A command that is listed but not built. */
  @Command(mixinStandardHelpOptions = true)
  static final class Unavailable implements Callable<Integer> {
    private final String path;

    // Accepts whatever the documented command takes, so that the answer is "unsupported", not "bad usage".
    @Unmatched private List<String> arguments = new ArrayList<>();

    Unavailable(String path) {
      this.path = path;
    }

    @Override
    public Integer call() {
      throw new UnsupportedCommandException("'" + path + "' is not available in this version");
    }
  }

  /** A group of commands; without a subcommand picocli reports the missing one. */
  @Command(mixinStandardHelpOptions = true)
  static final class Group {}
}
