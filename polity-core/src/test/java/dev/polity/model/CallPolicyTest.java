package dev.polity.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CallPolicyTest {
    private final CallPolicy policy = new CallPolicy(Duration.ofSeconds(10), 6, Duration.ofMillis(100), Duration.ofMillis(1000), 2);

    @Test
    void ceilingDoublesPerAttemptUpToTheMaximum() {
        // unit just below 1 gives (almost) the ceiling: 100, 200, 400, 800, then capped at 1000
        assertThat(policy.backoff(1, 0.999999, null).toMillis()).isEqualTo(99);
        assertThat(policy.backoff(2, 0.999999, null).toMillis()).isEqualTo(199);
        assertThat(policy.backoff(3, 0.999999, null).toMillis()).isEqualTo(399);
        assertThat(policy.backoff(4, 0.999999, null).toMillis()).isEqualTo(799);
        assertThat(policy.backoff(5, 0.999999, null).toMillis()).isEqualTo(999);
        assertThat(policy.backoff(60, 0.999999, null).toMillis()).isEqualTo(999);
        assertThat(policy.backoff(3, 0.5, null).toMillis()).isEqualTo(200);
        assertThat(policy.backoff(3, 0.0, null)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterRaisesTheWaitButNotAboveTheMaximum() {
        assertThat(policy.backoff(1, 0.0, Duration.ofMillis(700)).toMillis()).isEqualTo(700);
        assertThat(policy.backoff(1, 0.0, Duration.ofSeconds(30)).toMillis()).isEqualTo(1000);
        assertThat(policy.backoff(4, 0.999999, Duration.ofMillis(10)).toMillis()).isEqualTo(799);
    }

    @Property
    void backoffStaysWithinZeroAndTheMaximum(@ForAll @IntRange(min = 1, max = 200) int attempt,
                                             @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double unit) {
        Duration d = policy.backoff(attempt, unit, null);
        assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(1000));
    }

    @Test
    void retryAfterHeaderIsSecondsOrAnHttpDate() {
        assertThat(StatusAwareHttpClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(StatusAwareHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(StatusAwareHttpClient.retryAfter("soon")).isNull();
        assertThat(StatusAwareHttpClient.retryAfter("-3")).isNull();
    }
}
