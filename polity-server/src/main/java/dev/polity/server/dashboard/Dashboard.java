package dev.polity.server.dashboard;

import dev.polity.eval.EvalRun;
import dev.polity.eval.RunListener;
import dev.polity.guard.Guard;
import dev.polity.input.InvalidInputException;
import dev.polity.norms.Context;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import dev.polity.report.Reports;
import dev.polity.server.Gateway;
import dev.polity.server.app.Pages;
import dev.polity.server.app.WebApp;
import dev.polity.store.GatewayStore;
import dev.polity.store.RunStore;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operators' dashboard (operator role, signed in through the web app): evaluation runs from the store with
 * their report (report's charts, as {@code polity eval report} writes it), the constitution's applicable norms
 * for a chosen context (norms' Resolver), the gateway's activity, the review queue and the audit log with its
 * verification. Adds no rules of its own: every figure comes from core.
 */
public final class Dashboard implements Gateway.Room, AutoCloseable {
    private final WebApp app;
    private RunStore runs;

    /** @param app the web app whose sessions and sign-in the dashboard shares (declared before it) */
    public Dashboard(WebApp app) {
        this.app = app;
    }

    @Override
    public void routes(Gateway gateway, RoutesConfig r) {
        Pages pages = app.pages();
        runs = RunStore.open(gateway.settings().store(), gateway.settings().clock());
        r.get("/dashboard", pages.page(ctx -> {
            pages.operator(ctx);
            ctx.html(pages.render("dashboard/index", ctx, "Dashboard", Map.of("view", overview(gateway))));
        }));
        r.get("/dashboard/runs/{id}", pages.page(ctx -> {
            pages.operator(ctx);
            String id = ctx.pathParam("id");
            if (!runs.runIds().contains(id)) {
                throw new InvalidInputException(null, "run: no evaluation run '" + id + "' in the store");
            }
            EvalRun reader = new EvalRun(runs, (s, m) -> {
                throw new IllegalStateException("the dashboard does not judge");
            }, RunListener.SILENT, name -> null);
            // the report is one self-contained page with its own inline style
            ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
            ctx.html(Reports.html(reader.results(id)));
        }));
        r.get("/dashboard/norms", pages.page(ctx -> {
            pages.operator(ctx);
            ctx.html(pages.render("dashboard/norms", ctx, "Applicable norms", Map.of("view", norms(gateway, ctx.queryParam("jurisdiction"),
                    ctx.queryParam("domain"), ctx.queryParam("audience"), ctx.queryParam("date")))));
        }));
    }

    private DashboardView overview(Gateway gateway) {
        GatewayStore store = gateway.store();
        Instant since = gateway.settings().clock().instant().minus(Duration.ofDays(1));
        Map<String, Long> activity = new TreeMap<>();
        store.export(since, null, rec -> activity.merge(rec.kind() + " · " + rec.action(), 1L, Long::sum));
        GatewayStore.Verification v = store.verify();
        List<String> ids = runs.runIds().stream().sorted(java.util.Comparator.reverseOrder()).toList();
        return new DashboardView(ids, GatewayStore.TIME.format(since), activity, store.reviews(null, null).stream()
                .filter(x -> !"resolved".equals(x.status())).toList(), v.records(), v.intact(), v.problem(), v.firstBad());
    }

    static NormsView norms(Gateway gateway, String jurisdiction, String domain, String audience, String date) {
        Guard guard = gateway.guard();
        var constitution = guard.constitution();
        List<String> domains = constitution.domains().stream().sorted().toList();
        List<String> audiences = constitution.audiences().stream().sorted().toList();
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return new NormsView(guard.version(), "", "", "", "", domains, audiences, null, null);
        }
        try {
            LocalDate day = date == null || date.isBlank() ? LocalDate.now(gateway.settings().clock().withZone(ZoneOffset.UTC)) : parse(date);
            Context context = guard.context(jurisdiction.strip(), blank(domain), blank(audience), day);
            Resolution resolution = new Resolver(constitution).applicable(context);
            return new NormsView(guard.version(), jurisdiction, domain, audience, day.toString(), domains, audiences, resolution, null);
        } catch (InvalidInputException e) {
            return new NormsView(guard.version(), jurisdiction, domain, audience, date, domains, audiences, null, e.oneLine());
        }
    }

    private static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(new dev.polity.input.Location("date", 0, 0), "expected a date YYYY-MM-DD, got '" + date + "'");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public void close() {
        if (runs != null) {
            runs.close();
        }
    }
}
