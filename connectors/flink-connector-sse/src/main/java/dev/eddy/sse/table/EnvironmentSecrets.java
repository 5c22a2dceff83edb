package dev.eddy.sse.table;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;

/**
 * Resolves {@code ${env:NAME}} references in option values, so that credentials live in environment
 * variables instead of table definitions (which {@code SHOW CREATE TABLE}, compiled plans and
 * Flink's error messages print). The variable is read where the statement is planned: the SQL
 * client, the SQL gateway, or the application that runs the job.
 *
 * <p>An application that runs Flink in its own JVM and also starts the secret's owner (for example
 * {@code eddy sql}, which starts the SSE endpoint and so picks its publish token) can {@link
 * #provide} a value for a name that the environment does not set.
 */
@PublicEvolving
public final class EnvironmentSecrets {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Map<String, String> PROVIDED = new ConcurrentHashMap<>();

    private EnvironmentSecrets() {}

    /** Makes {@code value} the value of {@code name} in this JVM unless the environment sets it. */
    public static void provide(String name, String value) {
        PROVIDED.put(name, value);
    }

    /** Forgets a value given with {@link #provide}. */
    public static void withdraw(String name) {
        PROVIDED.remove(name);
    }

    /** The environment variable, else a provided value, else null. */
    static @Nullable String lookup(String name) {
        String value = System.getenv(name);
        return value != null ? value : PROVIDED.get(name);
    }

    static boolean hasReference(String value) {
        return REFERENCE.matcher(value).find();
    }

    /**
     * The value with every {@code ${env:NAME}} replaced.
     *
     * @throws ValidationException naming the option and the variable (never a value) if one is
     *     unset
     */
    static String resolve(String optionKey, String value) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String secret = lookup(name);
            if (secret == null) {
                throw new ValidationException(
                        String.format(
                                "Option '%s' refers to the environment variable %s, which is not set.",
                                optionKey, name));
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(secret));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }
}
