package dev.eddy.sse.client;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedirectGuardTest {

    private static final HttpUrl HTTPS = HttpUrl.get("https://stream.example/s");

    @Test
    void refusesADowngradeFromHttpsToHttpEvenWithoutCredentials() {
        assertThat(RedirectGuard.refusal(HTTPS, HttpUrl.get("http://stream.example/s"), false))
                .contains("plain http");
    }

    @Test
    void refusesAnotherOriginWhenCredentialsAreSent() {
        assertThat(RedirectGuard.refusal(HTTPS, HttpUrl.get("https://other.example/s"), true))
                .contains("another origin");
        assertThat(RedirectGuard.refusal(HTTPS, HttpUrl.get("https://stream.example:8443/s"), true))
                .contains("another origin");
    }

    @Test
    void allowsTheSameOriginWithCredentialsAndAnotherOriginWithout() {
        assertThat(RedirectGuard.refusal(HTTPS, HttpUrl.get("https://stream.example/v2/s"), true))
                .isNull();
        assertThat(RedirectGuard.refusal(HTTPS, HttpUrl.get("https://other.example/s"), false))
                .isNull();
    }
}
