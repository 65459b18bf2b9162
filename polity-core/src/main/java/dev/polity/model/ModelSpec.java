package dev.polity.model;

import dev.polity.input.InvalidInputException;
import dev.polity.input.Location;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A model named on the command line or in a suite, as one string (docs/MODELS.md):
 * <pre>
 * openai:MODEL[@BASE_URL][?key-env=NAME&amp;timeout=60s&amp;attempts=5&amp;concurrency=4]
 * ollama:MODEL[@BASE_URL][?timeout=...&amp;attempts=...&amp;concurrency=...]
 * replay:FILE[?prompt=COL&amp;answer=COL&amp;model=COL&amp;id=COL&amp;only=MODEL&amp;name=NAME]
 * </pre>
 * API keys are never part of a spec: an OpenAI-compatible spec names the environment variable that holds
 * the key ({@code POLITY_API_KEY} unless {@code key-env} says otherwise).
 */
public sealed interface ModelSpec permits ModelSpec.OpenAi, ModelSpec.Ollama, ModelSpec.Replay {
    String DEFAULT_KEY_ENV = "POLITY_API_KEY";
    String OPENAI_URL = "https://api.openai.com/v1";
    String OLLAMA_URL = "http://localhost:11434";

    /** The spec in canonical form (no secrets): a source's name. */
    String canonical();

    /**
     * Opens the source. {@code env} looks up environment variables (the key), {@code defaults} is the call
     * policy for settings the spec leaves out, {@code limit} is shared by every source opened with it.
     */
    AnswerSource open(Function<String, String> env, CallPolicy defaults, ConcurrencyLimit limit);

    /** Opens with the process environment and a limit of its own. */
    default AnswerSource open(CallPolicy defaults) {
        CallPolicy p = policy(defaults);
        return open(System::getenv, p, new ConcurrencyLimit(p.concurrency()));
    }

    /** The call policy this spec asks for on top of {@code defaults}. */
    default CallPolicy policy(CallPolicy defaults) {
        return defaults;
    }

    record OpenAi(String model, String baseUrl, String keyEnv, Duration timeout, Integer attempts, Integer concurrency) implements ModelSpec {
        @Override
        public String canonical() {
            return "openai:" + model + "@" + baseUrl + (DEFAULT_KEY_ENV.equals(keyEnv) ? "" : "?key-env=" + keyEnv);
        }

        /** The same endpoint with the key read from another variable (the CLI's {@code --api-key-env}). */
        public OpenAi withKeyEnv(String name) {
            return new OpenAi(model, baseUrl, name, timeout, attempts, concurrency);
        }

        @Override
        public CallPolicy policy(CallPolicy d) {
            return override(d, timeout, attempts, concurrency);
        }

        @Override
        public AnswerSource open(Function<String, String> env, CallPolicy defaults, ConcurrencyLimit limit) {
            return ChatModelSource.openAi(model, baseUrl, env.apply(keyEnv), policy(defaults), limit);
        }
    }

    record Ollama(String model, String baseUrl, Duration timeout, Integer attempts, Integer concurrency) implements ModelSpec {
        @Override
        public String canonical() {
            return "ollama:" + model + "@" + baseUrl;
        }

        @Override
        public CallPolicy policy(CallPolicy d) {
            return override(d, timeout, attempts, concurrency);
        }

        @Override
        public AnswerSource open(Function<String, String> env, CallPolicy defaults, ConcurrencyLimit limit) {
            return ChatModelSource.ollama(model, baseUrl, policy(defaults), limit);
        }
    }

    record Replay(Path file, ReplayMapping mapping) implements ModelSpec {
        @Override
        public String canonical() {
            StringBuilder s = new StringBuilder("replay:").append(file).append("?prompt=").append(mapping.prompt())
                    .append("&answer=").append(mapping.answer());
            if (mapping.model() != null) {
                s.append("&model=").append(mapping.model());
            }
            if (mapping.id() != null) {
                s.append("&id=").append(mapping.id());
            }
            if (mapping.only() != null) {
                s.append("&only=").append(mapping.only());
            }
            if (mapping.modelName() != null) {
                s.append("&name=").append(mapping.modelName());
            }
            return s.toString();
        }

        @Override
        public AnswerSource open(Function<String, String> env, CallPolicy defaults, ConcurrencyLimit limit) {
            return ReplaySource.load(file, mapping, canonical());
        }
    }

    /**
     * What is wrong with a spec written in a file (a suite's models, a gateway's judge.model), for the file's
     * reader to place at its line; empty when it parses.
     */
    public static java.util.Optional<String> problem(String spec) {
        try {
            parse(spec);
            return java.util.Optional.empty();
        } catch (InvalidInputException e) {
            return java.util.Optional.of(e.errors().get(0).message());
        }
    }

    /**
     * Parses a spec.
     *
     * @throws InvalidInputException (located at {@code --model}) saying what was expected
     */
    public static ModelSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw bad("expected a model such as openai:MODEL@URL, ollama:MODEL or replay:FILE.csv, found nothing");
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? "" : spec.substring(0, colon);
        String rest = colon < 0 ? "" : spec.substring(colon + 1);
        int q = rest.indexOf('?');
        String body = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : rest.substring(q + 1));
        switch (kind) {
            case "openai", "ollama" -> {
                allow(query, kind.equals("openai") ? Set.of("key-env", "timeout", "attempts", "concurrency") : Set.of("timeout", "attempts", "concurrency"));
                // Strict: whatever follows the last '@' is the endpoint and must be an http(s) URL. Reading a
                // scheme-less address as part of the model name would send prompts and key to the default host.
                int at = body.lastIndexOf('@');
                String model = at < 0 ? body : body.substring(0, at);
                if (model.isBlank()) {
                    throw bad("expected a model name after '" + kind + ":', e.g. " + kind + ":llama3@http://localhost:8000/v1");
                }
                String url = at < 0 ? (kind.equals("openai") ? OPENAI_URL : OLLAMA_URL) : checkUrl(body.substring(at + 1));
                Duration timeout = query.containsKey("timeout") ? duration(query.get("timeout")) : null;
                Integer attempts = query.containsKey("attempts") ? positive("attempts", query.get("attempts")) : null;
                Integer concurrency = query.containsKey("concurrency") ? positive("concurrency", query.get("concurrency")) : null;
                if (kind.equals("openai")) {
                    String keyEnv = query.getOrDefault("key-env", DEFAULT_KEY_ENV);
                    if (!keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw bad("key-env must name an environment variable, found '" + keyEnv + "'");
                    }
                    return new OpenAi(model, url, keyEnv, timeout, attempts, concurrency);
                }
                return new Ollama(model, url, timeout, attempts, concurrency);
            }
            case "replay" -> {
                allow(query, Set.of("prompt", "answer", "model", "id", "only", "name"));
                if (body.isBlank()) {
                    throw bad("expected a file after 'replay:', e.g. replay:answers.csv?prompt=prompt&answer=completion");
                }
                if (query.containsKey("only") && !query.containsKey("model")) {
                    throw bad("only=" + query.get("only") + " needs model=COLUMN to filter on");
                }
                ReplayMapping m = new ReplayMapping(query.getOrDefault("prompt", "prompt"), query.getOrDefault("answer", "answer"),
                        query.get("model"), query.get("id"), query.get("only"), query.get("name"));
                return new Replay(Path.of(body), m);
            }
            default -> throw bad("unknown model kind '" + kind + "' in '" + spec + "'; expected openai:, ollama: or replay:");
        }
    }

    private static CallPolicy override(CallPolicy d, Duration timeout, Integer attempts, Integer concurrency) {
        CallPolicy p = d;
        if (timeout != null) {
            p = p.withTimeout(timeout);
        }
        if (attempts != null) {
            p = p.withMaxAttempts(attempts);
        }
        if (concurrency != null) {
            p = p.withConcurrency(concurrency);
        }
        return p;
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw bad("expected NAME=VALUE in the options, found '" + pair + "'");
            }
            String key = decoded(pair.substring(0, eq));
            String value = decoded(pair.substring(eq + 1));
            if (out.put(key, value) != null) {
                throw bad("option '" + key + "' given twice");
            }
        }
        return out;
    }

    private static String decoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("expected %XX (two hex digits) after each '%' in the options, found '" + part + "'");
        }
    }

    private static void allow(Map<String, String> query, Set<String> known) {
        for (String k : query.keySet()) {
            if (!known.contains(k)) {
                throw bad("unknown option '" + k + "'; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    /** The base URL after '@', without a trailing slash; an http(s) URL with a host, or an error. */
    private static String checkUrl(String written) {
        String url = stripSlash(written);
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            u = null;
        }
        String scheme = u == null ? null : u.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw bad("expected an http(s) base URL after '@', found '" + written + "'"
                    + (written.isBlank() || written.contains("://") ? "" : "; did you mean http://" + written + "?"));
        }
        if (u.getHost() == null) {
            throw bad("expected an http(s) base URL with a host after '@', found '" + written + "'");
        }
        return url;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601 such as {@code PT30S}. */
    static Duration duration(String s) {
        Duration d;
        try {
            if (s.matches("\\d+ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.matches("\\d+s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.matches("\\d+m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.parse(s);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad("expected a duration such as 500ms, 30s or 2m, found '" + s + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw bad("timeout must be positive, found '" + s + "'");
        }
        return d;
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad(name + " must be a whole number of at least 1, found '" + value + "'");
    }

    private static InvalidInputException bad(String message) {
        return new InvalidInputException(new Location("--model", 0, 0), message);
    }
}
