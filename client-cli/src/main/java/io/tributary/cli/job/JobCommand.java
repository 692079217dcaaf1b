package io.tributary.cli.job;

import picocli.CommandLine.Command;

/** {@code trib job}: the group of job commands. Stateless. */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run and manage stream-processing jobs.",
    subcommands = {JobRunCommand.class, JobListCommand.class, JobDescribeCommand.class, JobCancelCommand.class,
      JobSavepointCommand.class, JobStopCommand.class, JobRescaleCommand.class})
public final class JobCommand {}
