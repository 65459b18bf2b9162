package dev.polity.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * How {@code polity serve} was started.
 *
 * @param upstream     the OpenAI-compatible base URL answers come from (e.g. {@code http://127.0.0.1:8000/v1}); null: only the non-gateway routes
 * @param store        a SQLite file or a {@code jdbc:postgresql://} URL
 * @param constitution the default constitution's entry file
 * @param config       the configuration file, or null for the defaults
 * @param env          where {@code POLITY_UPSTREAM_KEY} and the judge model's key are read
 */
public record Settings(String host, int port, String upstream, String store, Path constitution, Path config, Clock clock,
                       Function<String, String> env) {
    public Settings {
        host = host == null ? "127.0.0.1" : host;
        upstream = upstream == null || upstream.isBlank() ? null : upstream.replaceAll("/+$", "");
    }
}
