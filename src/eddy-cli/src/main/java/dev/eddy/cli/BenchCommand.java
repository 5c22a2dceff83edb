package dev.eddy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eddy bench}: the benchmarks; each is a subcommand. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {
            ClientBenchCommand.class,
            FanoutBenchCommand.class,
            PipelineBenchCommand.class,
            SqlBenchCommand.class
        },
        description = "Runs a benchmark (not a test): see the subcommands.")
public final class BenchCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Name a benchmark, e.g. 'eddy bench client'");
    }
}
