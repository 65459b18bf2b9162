package dev.polity.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The OpenAI-compatible server behind the gateway. Its own key ({@code POLITY_UPSTREAM_KEY}) replaces the
 * client's; failures become OpenAI-shaped errors: unreachable 502, too slow 504.
 */
final class Upstream {
    private final String base;
    private final String key;
    private final Duration timeout;
    private final HttpClient http;

    Upstream(String base, String key, Duration timeout) {
        this.base = base;
        this.key = key == null || key.isBlank() ? null : key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code path} under the base URL, e.g. {@code /chat/completions}; the body as given, or none for GET. */
    HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) {
        try {
            return http.send(request(method, path, body, contentType), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.upstream(502, "upstream_unavailable", "interrupted while calling the upstream");
        }
    }

    /** As {@link #send}, with the body read as it arrives (a stream of server-sent events). */
    HttpResponse<InputStream> stream(String path, byte[] body) {
        try {
            return http.send(request("POST", path, body, "application/json"), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.upstream(502, "upstream_unavailable", "interrupted while calling the upstream");
        }
    }

    private HttpRequest request(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType == null ? "application/json" : contentType);
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return b.build();
    }

    private ApiError failure(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return ApiError.upstream(502, "upstream_unavailable", "the upstream model server cannot be reached");
        }
        if (e instanceof HttpTimeoutException) {
            return ApiError.upstream(504, "upstream_timeout", "the upstream model server did not answer within " + timeout.toMillis() + " ms");
        }
        return ApiError.upstream(502, "upstream_unavailable", "the upstream model server closed the connection");
    }
}
