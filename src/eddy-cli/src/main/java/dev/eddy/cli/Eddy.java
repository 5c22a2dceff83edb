package dev.eddy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code eddy} command: live windowed aggregates over Server-Sent-Events streams. */
@Command(
        name = "eddy",
        mixinStandardHelpOptions = true,
        version = "eddy 0.1.0-SNAPSHOT",
        description =
                "Live windowed aggregates over Server-Sent-Events streams, with Apache Flink.",
        subcommands = {
            LocalCommand.class,
            ClusterCommand.class,
            ReplayCommand.class,
            TailCommand.class,
            ServeCommand.class,
            SqlCommand.class,
            BenchCommand.class
        })
public final class Eddy implements Runnable {

    @Spec CommandSpec spec;

    /** Without a subcommand, says which there are. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Eddy()).execute(args));
    }
}
