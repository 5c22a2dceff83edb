package dev.eddy.sse.table;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;

/**
 * Reads the {@code http.header.<Name>} options of a table: values may hold {@code ${env:NAME}}
 * references; a header that carries credentials must take its secret from one, so it never sits in
 * the table definition.
 */
@Internal
final class HttpHeaderOptions {

    private static final Pattern CREDENTIAL_HEADER =
            Pattern.compile(
                    "authorization|proxy-authorization|cookie|.*(token|secret|key|password|auth|session|signature).*");

    private HttpHeaderOptions() {}

    /** Header name to resolved value, in option order. */
    static Map<String, String> resolve(Map<String, String> tableOptions, String prefix) {
        Map<String, String> headers = new LinkedHashMap<>();
        tableOptions.forEach(
                (key, value) -> {
                    if (!key.startsWith(prefix)) {
                        return;
                    }
                    String name = key.substring(prefix.length());
                    if (name.isEmpty() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                        throw new ValidationException(
                                String.format(
                                        "Option '%s' does not name a valid HTTP header: use '%s<Name>', e.g. '%sUser-Agent'.",
                                        key, prefix, prefix));
                    }
                    boolean credential =
                            CREDENTIAL_HEADER.matcher(name.toLowerCase(Locale.ROOT)).matches();
                    if (credential && !EnvironmentSecrets.hasReference(value)) {
                        throw new ValidationException(
                                String.format(
                                        "Option '%s' holds a credential literally, where SHOW CREATE TABLE, plans"
                                                + " and error messages would show it. Put the secret in an environment"
                                                + " variable and refer to it: '%s' = 'Bearer ${env:STREAM_TOKEN}'.",
                                        key, key));
                    }
                    headers.put(name, EnvironmentSecrets.resolve(key, value));
                });
        return headers;
    }
}
