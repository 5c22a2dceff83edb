package dev.eddy.wikimedia;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A {@code --header} argument: {@code NAME:VALUE} or {@code NAME=VALUE}, where the value may also
 * be {@code env:VARIABLE} (read from the environment) or {@code file:PATH} (the file's content,
 * trimmed), so that secrets such as tokens stay out of the process list and out of the job's
 * configuration shown by the Flink UI. Error messages name the header, never its value.
 */
public final class HeaderArgument {

    static final String ENV = "env:";
    static final String FILE = "file:";

    private HeaderArgument() {}

    /** The header's name and value, resolved from the environment of this process. */
    public static Map.Entry<String, String> parse(String argument) {
        return parse(argument, System::getenv);
    }

    static Map.Entry<String, String> parse(String argument, UnaryOperator<String> environment) {
        int colon = argument.indexOf(':');
        int equals = argument.indexOf('=');
        int separator = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        String name = separator < 0 ? "" : argument.substring(0, separator).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    "--header must be NAME:VALUE, NAME=VALUE, NAME=env:VARIABLE or NAME=file:PATH;"
                            + " got one without a name");
        }
        String value = argument.substring(separator + 1).trim();
        return new SimpleImmutableEntry<>(name, resolve(name, value, environment));
    }

    private static String resolve(String name, String value, UnaryOperator<String> environment) {
        if (value.startsWith(ENV)) {
            String variable = value.substring(ENV.length());
            String resolved = environment.apply(variable);
            if (resolved == null || resolved.isEmpty()) {
                throw new IllegalArgumentException(
                        "--header "
                                + name
                                + ": the environment variable "
                                + variable
                                + " is not set");
            }
            return resolved.trim();
        }
        if (value.startsWith(FILE)) {
            Path file = Path.of(value.substring(FILE.length()));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--header "
                                + name
                                + ": cannot read "
                                + file
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
        }
        return value;
    }
}
