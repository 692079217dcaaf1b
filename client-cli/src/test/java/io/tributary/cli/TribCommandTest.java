package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

class TribCommandTest {

  @Test
  void helpListsEveryCommand() {
    TestCli.Result r = TestCli.run("help");

    assertThat(r.exit()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains(
        "local", "zookeeper", "coordinator", "broker", "worker", "cluster status", "cluster rebalance",
        "broker drain", "stream create", "stream list", "stream describe", "stream delete", "stream put",
        "stream get", "stream split", "stream merge", "stream scale", "stream tail", "consumer register", "consumer deregister", "consumer list",
        "consumer describe", "job run", "job list", "job describe", "job cancel", "job savepoint", "job stop",
        "job rescale", "delivery create", "delivery put", "delivery list", "delivery describe", "delivery delete",
        "bench produce", "bench consume", "bench latency", "bench engine");
    assertThat(r.out()).containsPattern("stream split +Split a shard in two");
    assertThat(r.out()).containsPattern("job run +Submit a job: ");
    assertThat(r.out()).containsPattern("job savepoint +Take a savepoint of a running job");
    assertThat(r.out()).containsPattern("delivery create +Create a delivery stream: ");
    assertThat(r.out()).containsPattern("worker +Run a worker, ");
  }

  @Test
  void helpOfOneCommandShowsItsOptions() {
    TestCli.Result r = TestCli.run("help", "stream", "put");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--key-delimiter", "--acks", "--data", "--coordinator", "--output");
  }

  @Test
  void noCommandIsBadUsage() {
    TestCli.Result r = TestCli.run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("a command is needed");
  }

  @Test
  void unknownCommandIsBadUsageWithSuggestions() {
    TestCli.Result r = TestCli.run("stream", "creat", "x");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'creat'", "stream create", "See 'trib help stream'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "stream create x",
    "stream create x --shards 0",
    "stream create x --shards two",
    "stream create x --shards 2 --retention 90m",
    "stream create x --shards 2 --retention 0h",
    "stream create x --shards 2 --retention soon",
    "stream create x --shards 2 --mode burst",
    "stream create x --shards 2 --replication -1",
    "stream create x --shards 2 --colour blue",
    "--output yaml stream list",
    "stream list --coordinator nope",
    "stream list --coordinator 127.0.0.1:7400,127.0.0.1:99999",
    "stream get x --from yesterday",
    "stream get x --from at:3",
    "stream get x --from after:-1 --shard shardId-000000000000",
    "stream get x --from time:noon",
    "stream get x --limit 0",
    "stream put x --acks some",
    "stream put x --key k --key-delimiter |",
    "stream describe",
    "bench produce --stream x --records 0 --record-size 100",
    "bench produce --stream x --records 10 --record-size 0",
    "bench produce --stream x --records 10 --record-size 100 --producers 0",
    "bench produce --records 10 --record-size 100",
    "bench consume --stream x --records 0",
    "bench latency --stream x --rate 0",
    "bench latency --stream x --record-size 8",
    "zookeeper --port 2181",
    "zookeeper --dir zk --port 70000",
    "broker --config no-such-file.yaml",
    "broker --port -1",
    "broker --id -3",
    "coordinator --port 65536",
    "local --brokers 0",
    "local --port-base 80",
    "local --coordinators 10",
    "local --slots 0",
    "local --workers -1",
    "worker --slots 0",
    "worker --id a/b",
    "job run",
    "job run app.jar --parallelism 0",
    "job run app.jar --parallelism two",
    "job run app.jar --max-parallelism 4 --parallelism 8",
    "job run app.jar --class not-a-class",
    "job describe",
    "job cancel",
    "bench engine",
    "bench engine --job sessions",
    "bench engine --job window --events 0",
    "bench engine --job stateless --parallelism 0"
  })
  void badUsageExitsWithTwo(String commandLine) {
    TestCli.Result r = TestCli.run(commandLine.split(" "));

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("Usage error: ").contains("See 'trib help");
  }

  @Test
  void groupWithoutSubcommandIsBadUsage() {
    assertThat(TestCli.run("job").exit()).isEqualTo(2);
    assertThat(TestCli.run("delivery").exit()).isEqualTo(2);
  }

  @Test
  void aMissingJobJarIsAFailedOperationNamingTheFile() {
    TestCli.Result r = TestCli.run("job", "run", "no-such-job.jar", "--parallelism", "2");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("InvalidArgument: job jar 'no-such-job.jar' does not exist;"
        + " give the path of the jar that holds the job's main class");
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json"})
  void failedOperationPrintsOneErrorLineAndNothingOnStdout(String format) {
    TestCli.Result r = TestCli.run("--output", format, "stream", "describe", "no/such");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("InvalidArgument: invalid stream name 'no/such'");
  }

  @Test
  void failuresArePrintedAsErrorNameAndMessage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    TestCli cli = new TestCli();
    CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err), cli.context().in(), Map.of(),
        cli.context().clock(), cli.context().shutdown());
    CommandLine trib = Trib.commandLine(ctx);
    trib.addSubcommand("fail", new Failing());
    trib.setErr(ctx.err());
    trib.setOut(ctx.out());
    trib.setExecutionExceptionHandler(new FailureHandler());

    int exit = trib.execute("fail");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo(
        "ResourceNotFound: stream 'clicks' does not exist; list streams with 'trib stream list'"
            + System.lineSeparator());
  }

  @Test
  void coordinatorComesFromTheOptionThenTheEnvironmentThenTheDefault() {
    assertThat(coordinators(Map.of(), "stream", "list")).containsExactly("127.0.0.1:7400");
    assertThat(coordinators(Map.of("TRIB_COORDINATOR", "10.0.0.1:7400,10.0.0.2:7400"), "stream", "list"))
        .containsExactly("10.0.0.1:7400", "10.0.0.2:7400");
    assertThat(coordinators(Map.of("TRIB_COORDINATOR", "10.0.0.1:7400"), "--coordinator", "h:1", "stream", "list"))
        .containsExactly("h:1");
    assertThat(coordinators(Map.of(), "stream", "list", "--coordinator", "h:2")).containsExactly("h:2");
  }

  @Test
  void outputOptionWorksBeforeAndAfterTheCommand() {
    assertThat(parse("--output", "json", "stream", "list").outputFormat().name()).isEqualTo("JSON");
    assertThat(parse("stream", "list", "--output", "JSON").outputFormat().name()).isEqualTo("JSON");
    assertThat(parse("stream", "list").outputFormat().name()).isEqualTo("TABLE");
  }

  @Test
  void versionIsPrinted() {
    TestCli.Result r = TestCli.run("--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("trib ");
  }

  private static java.util.List<String> coordinators(Map<String, String> env, String... args) {
    TestCli cli = new TestCli(env, "");
    CommandLine trib = Trib.commandLine(cli.context());
    ParseResult parsed = trib.parseArgs(args);
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return ((Trib) trib.getCommand()).clientOptions(leaf.commandSpec()).coordinators();
  }

  private static Trib parse(String... args) {
    CommandLine trib = Trib.commandLine(new TestCli().context());
    trib.parseArgs(args);
    return trib.getCommand();
  }

  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND,
          "stream 'clicks' does not exist; list streams with 'trib stream list'");
    }
  }
}
