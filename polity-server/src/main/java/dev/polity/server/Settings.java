package dev.polity.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code polity serve} (or {@code polity reward serve}) was started.
 *
 * @param upstream     the OpenAI-compatible base URL answers come from (e.g. {@code http://127.0.0.1:8000/v1}); null: only the non-gateway routes
 * @param store        a SQLite file or a {@code jdbc:postgresql://} URL; null: no store, so only {@code /health}, {@code /metrics} and
 *                     {@code /get_reward} (nothing that needs keys or the audit log)
 * @param constitution the default constitution's entry file
 * @param config       the configuration file, or null for the defaults
 * @param env          where {@code POLITY_UPSTREAM_KEY} and the judge model's key are read
 * @param reward       what {@code POST /get_reward} serves, or null for no reward endpoint
 */
public record Settings(String host, int port, String upstream, String store, Path constitution, Path config, Clock clock,
                       Function<String, String> env, Reward reward) {
    public Settings {
        host = host == null ? "127.0.0.1" : host;
        upstream = upstream == null || upstream.isBlank() ? null : upstream.replaceAll("/+$", "");
    }

    /** The gateway without a reward endpoint. */
    public Settings(String host, int port, String upstream, String store, Path constitution, Path config, Clock clock, Function<String, String> env) {
        this(host, port, upstream, store, constitution, config, clock, env, null);
    }

    /**
     * The reward endpoint: the model file ({@code polity reward train}), how its group heads combine ({@code welfare}, {@code groupWeights},
     * as {@link dev.polity.reward.Combination#of}), tier penalties that replace the standard ones, and the context used when a request's
     * URL names none ({@code jurisdiction} null: no norm penalties then).
     */
    public record Reward(Path model, String welfare, String groupWeights, Map<String, Double> tierPenalties, String jurisdiction, String domain,
                         String audience) {
        public Reward {
            tierPenalties = tierPenalties == null ? Map.of() : Map.copyOf(tierPenalties);
        }
    }
}
