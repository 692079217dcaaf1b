package io.tributary.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports bad usage with exit status 2: the problem, suggestions for a mistyped name, and where to
 * find the usage, without flooding the terminal with the full help. Stateless.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  static final int USAGE = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("Usage error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("See 'trib help" + subcommandPath(cmd) + "'.");
    err.flush();
    return USAGE;
  }

  private static String subcommandPath(CommandLine cmd) {
    String qualified = cmd.getCommandSpec().qualifiedName(" ");
    int space = qualified.indexOf(' ');
    return space < 0 ? "" : qualified.substring(space);
  }
}
