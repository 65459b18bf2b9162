package dev.polity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.server.Gateway;
import dev.polity.server.Settings;
import dev.polity.server.app.WebApp;
import dev.polity.server.dashboard.Dashboard;
import dev.polity.store.GatewayStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An evaluation run stored by {@code polity eval run} is listed on the dashboard and opens as its report, charts included. */
class DashboardRunsTest {
    private static final Path REPO = Path.of(System.getProperty("polity.repo", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theDashboardListsEvaluationRunsAndShowsTheirReports() throws Exception {
        String store = dir.resolve("polity.db").toString();
        CliRun run = CliRun.of("--quiet", "eval", "run", REPO.resolve("suites/jailbreak.yaml").toString(), "--store", store,
                "--out", dir.resolve("report").toString());
        String id = EvalCommandTest.runId(run);
        String key;
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            key = s.createKey("city", "operator").key();
        }
        Files.writeString(dir.resolve("gateway.yaml"), "judge: {detectors: [rules]}\n");
        WebApp app = new WebApp(false);
        Dashboard dashboard = new Dashboard(app);
        Gateway g = Gateway.start(new Settings("127.0.0.1", 0, null, store, REPO.resolve("constitutions/starter.yaml"), dir.resolve("gateway.yaml"),
                Clock.systemUTC(), name -> null), List.of(app, dashboard));
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String root = "http://127.0.0.1:" + g.port();
            HttpResponse<String> signin = http.send(HttpRequest.newBuilder(URI.create(root + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
            String cookie = signin.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(signin.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(root + "/signin")).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(303);
            String session = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String board = http.send(HttpRequest.newBuilder(URI.create(root + "/dashboard")).header("Cookie", session).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(board).contains("<a href=\"/dashboard/runs/" + id + "\">" + id + "</a>");
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(root + "/dashboard/runs/" + id)).header("Cookie", session).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("<h1>Evaluation: ").contains("<svg").contains("Jailbreaks")
                    .isEqualTo(Files.readString(dir.resolve("report/index.html")));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(root + "/dashboard/runs/" + id)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as("not signed in").isEqualTo(303);
        } finally {
            g.close();
            app.close();
            dashboard.close();
        }
    }
}
