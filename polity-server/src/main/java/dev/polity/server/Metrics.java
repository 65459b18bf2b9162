package dev.polity.server;

import dev.polity.guard.Decision;
import dev.polity.guard.NormDecision;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The gateway's Prometheus metrics (client_java): requests, latencies, verdicts and actions by norm and tier, upstream and audit failures. */
final class Metrics {
    private static final double[] SECONDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("polity_requests_total").help("HTTP requests by route and status")
            .labelNames("route", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("polity_request_seconds").help("Time to answer a request, by route")
            .labelNames("route").classicOnly().classicUpperBounds(SECONDS).register(registry);
    private final Histogram stages = Histogram.builder().name("polity_stage_seconds")
            .help("Time per chat request in each stage: judge (input and output checks), upstream (the model server), audit (the record committed)")
            .labelNames("stage").classicOnly().classicUpperBounds(SECONDS).register(registry);
    private final Counter verdicts = Counter.builder().name("polity_verdicts_total").help("Verdicts by norm, tier and outcome")
            .labelNames("norm", "tier", "verdict").register(registry);
    private final Counter actions = Counter.builder().name("polity_norm_actions_total").help("Actions asked for by norm and tier (allow not counted)")
            .labelNames("norm", "tier", "action").register(registry);
    private final Counter decisions = Counter.builder().name("polity_decisions_total").help("Overall decisions by action and fail mode")
            .labelNames("action", "fail_mode", "shadow").register(registry);
    private final Counter upstreamErrors = Counter.builder().name("polity_upstream_errors_total").help("Upstream failures by kind")
            .labelNames("kind").register(registry);
    private final Counter auditFailures = Counter.builder().name("polity_audit_failures_total").help("Audit records that could not be written at once")
            .register(registry);
    private final Gauge auditDeferred = Gauge.builder().name("polity_audit_deferred").help("Audit records waiting for the database to come back")
            .register(registry);

    void request(String route, int status, double seconds) {
        requests.labelValues(route, String.valueOf(status)).inc();
        latency.labelValues(route).observe(seconds);
    }

    void stage(String stage, double seconds) {
        stages.labelValues(stage).observe(seconds);
    }

    void decision(Decision d) {
        for (NormDecision n : d.norms()) {
            verdicts.labelValues(n.norm().id(), n.norm().tier(), n.verdict().wireName()).inc();
            if (n.action() != dev.polity.guard.Action.ALLOW) {
                actions.labelValues(n.norm().id(), n.norm().tier(), n.action().wireName()).inc();
            }
        }
        decisions.labelValues(d.action().wireName(), d.failMode() == null ? "none" : d.failMode().wireName(), String.valueOf(d.shadow())).inc();
    }

    void upstreamError(String kind) {
        upstreamErrors.labelValues(kind).inc();
    }

    void auditFailure() {
        auditFailures.inc();
    }

    void deferred(int n) {
        auditDeferred.set(n);
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
