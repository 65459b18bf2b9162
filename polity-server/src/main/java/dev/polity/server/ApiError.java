package dev.polity.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A failure answered in OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, with its
 * HTTP status and any headers (Retry-After), so that OpenAI's clients raise their typed exceptions. Never a
 * stack trace, never a key or a prompt in the message.
 */
final class ApiError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();
    final int status;
    final String type;
    final String code;
    final String param;
    final Map<String, String> headers = new TreeMap<>();

    ApiError(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", null, param, message);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "invalid_request_error", "invalid_api_key", null, message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "permission_error", "insufficient_role", null, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "invalid_request_error", "not_found", null, message);
    }

    static ApiError upstream(int status, String code, String message) {
        return new ApiError(status, "upstream_error", code, null, message);
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String body() {
        return body(getMessage(), type, param, code);
    }

    static String body(String message, String type, String param, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root.toString();
    }
}
