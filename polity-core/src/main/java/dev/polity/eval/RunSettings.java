package dev.polity.eval;

import dev.polity.model.CallPolicy;
import dev.polity.stats.Bootstrap;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run asks and judges; recorded in the run's provenance so a resumed run asks the same way.
 *
 * @param concurrency            requests in flight at once, across all models of the run
 * @param temperature            sampling temperature sent with every request; null: the model's default
 * @param seed                   sampling seed sent with every request, and the bootstrap's seed
 * @param maxTokens              the answer length limit; null: the model's default
 * @param bootstrapReplicates    replicates of the 95% intervals
 * @param callPolicy             timeout, attempts and backoff of each model call (a spec's own options win)
 * @param maxConsecutiveFailures a model that fails this many requests in a row (after its retries) is not asked
 *                               again in this run; its remaining items are left for {@code resume}
 * @param apiKeyEnv              the environment variable holding the key of {@code openai:} models (its name, never the key); null: as the spec says
 */
public record RunSettings(int concurrency, Double temperature, int seed, Integer maxTokens, int bootstrapReplicates,
                          CallPolicy callPolicy, int maxConsecutiveFailures, String apiKeyEnv) {

    public static final RunSettings DEFAULT = new RunSettings(4, 0.0, 1, null, Bootstrap.DEFAULT_REPLICATES, CallPolicy.DEFAULT, 8, null);

    public RunSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (bootstrapReplicates < 1) {
            throw new IllegalArgumentException("bootstrap replicates must be at least 1, was " + bootstrapReplicates);
        }
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1, was " + maxConsecutiveFailures);
        }
        callPolicy = (callPolicy == null ? CallPolicy.DEFAULT : callPolicy).withConcurrency(concurrency);
    }

    public RunSettings withConcurrency(int n) {
        return new RunSettings(n, temperature, seed, maxTokens, bootstrapReplicates, callPolicy, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withSeed(int s) {
        return new RunSettings(concurrency, temperature, s, maxTokens, bootstrapReplicates, callPolicy, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withTemperature(Double t) {
        return new RunSettings(concurrency, t, seed, maxTokens, bootstrapReplicates, callPolicy, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withMaxTokens(Integer m) {
        return new RunSettings(concurrency, temperature, seed, m, bootstrapReplicates, callPolicy, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withBootstrapReplicates(int b) {
        return new RunSettings(concurrency, temperature, seed, maxTokens, b, callPolicy, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withCallPolicy(CallPolicy p) {
        return new RunSettings(concurrency, temperature, seed, maxTokens, bootstrapReplicates, p, maxConsecutiveFailures, apiKeyEnv);
    }

    public RunSettings withMaxConsecutiveFailures(int n) {
        return new RunSettings(concurrency, temperature, seed, maxTokens, bootstrapReplicates, callPolicy, n, apiKeyEnv);
    }

    public RunSettings withApiKeyEnv(String name) {
        return new RunSettings(concurrency, temperature, seed, maxTokens, bootstrapReplicates, callPolicy, maxConsecutiveFailures, name);
    }

    /** The settings as a run's provenance records them (plain values, JSON-friendly). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("concurrency", concurrency);
        m.put("temperature", temperature);
        m.put("seed", seed);
        m.put("max_tokens", maxTokens);
        m.put("bootstrap_replicates", bootstrapReplicates);
        m.put("timeout_ms", callPolicy.timeout().toMillis());
        m.put("max_attempts", callPolicy.maxAttempts());
        m.put("initial_backoff_ms", callPolicy.initialBackoff().toMillis());
        m.put("max_backoff_ms", callPolicy.maxBackoff().toMillis());
        m.put("max_consecutive_failures", maxConsecutiveFailures);
        m.put("api_key_env", apiKeyEnv);
        return m;
    }

    /** Reads back what {@link #asMap} wrote; missing values take the defaults. */
    public static RunSettings fromMap(Map<String, Object> m) {
        RunSettings d = DEFAULT;
        CallPolicy p = d.callPolicy
                .withTimeout(Duration.ofMillis(longOr(m.get("timeout_ms"), d.callPolicy.timeout().toMillis())))
                .withMaxAttempts((int) longOr(m.get("max_attempts"), d.callPolicy.maxAttempts()))
                .withBackoff(Duration.ofMillis(longOr(m.get("initial_backoff_ms"), d.callPolicy.initialBackoff().toMillis())),
                        Duration.ofMillis(longOr(m.get("max_backoff_ms"), d.callPolicy.maxBackoff().toMillis())));
        Object t = m.get("temperature");
        Object mt = m.get("max_tokens");
        Object key = m.get("api_key_env");
        return new RunSettings((int) longOr(m.get("concurrency"), d.concurrency), t == null ? null : ((Number) t).doubleValue(),
                (int) longOr(m.get("seed"), d.seed), mt == null ? null : ((Number) mt).intValue(),
                (int) longOr(m.get("bootstrap_replicates"), d.bootstrapReplicates), p,
                (int) longOr(m.get("max_consecutive_failures"), d.maxConsecutiveFailures), key == null ? null : key.toString());
    }

    private static long longOr(Object v, long fallback) {
        return v instanceof Number n ? n.longValue() : fallback;
    }
}
