package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenMatcherTest {

    private final TokenMatcher matcher = new TokenMatcher("s3cret");

    @Test
    void theSameTokenMatches() {
        assertThat(matcher.matches("s3cret")).isTrue();
    }

    @Test
    void anotherTokenOrNoneDoesNotMatch() {
        assertThat(matcher.matches("s3cre")).isFalse();
        assertThat(matcher.matches("")).isFalse();
        assertThat(matcher.matches(null)).isFalse();
    }

    @Test
    void toStringDoesNotRevealTheToken() {
        assertThat(matcher.toString()).doesNotContain("s3cret");
    }
}
