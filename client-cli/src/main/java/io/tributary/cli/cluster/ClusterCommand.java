package io.tributary.cli.cluster;

import picocli.CommandLine.Command;

/** {@code trib cluster}: the group of cluster-wide commands. Stateless. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Inspect and operate the cluster.",
    subcommands = {ClusterStatusCommand.class, ClusterRebalanceCommand.class})
public final class ClusterCommand {}
