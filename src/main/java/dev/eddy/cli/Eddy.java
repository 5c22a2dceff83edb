package dev.eddy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eddy} command. */
@Command(
        name = "eddy",
        mixinStandardHelpOptions = true,
        subcommands = {ServeCommand.class},
        description = "Live windowed aggregates over Server-Sent-Events streams.")
public final class Eddy {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Eddy()).execute(args));
    }
}
