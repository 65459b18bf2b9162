package dev.polity.report;

import dev.polity.guard.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The evidence pack's HTML index: one section per part of the pack, the EU AI Act articles first. */
public final class EvidenceHtml {
    private EvidenceHtml() {
    }

    @SuppressWarnings("unchecked")
    public static String page(Evidence e) {
        Map<String, Object> s = e.sections();
        Map<String, Object> period = (Map<String, Object>) s.get("period");
        StringBuilder b = new StringBuilder();
        b.append("<h1>Evidence pack</h1>\n<p>Period: ").append(Html.escape(String.valueOf(period.get("from")))).append(" to ")
                .append(Html.escape(String.valueOf(period.get("to")))).append(" (generated ").append(Html.escape(String.valueOf(period.get("generated"))))
                .append("). The same content, machine-readable: <code>evidence.json</code>.</p>\n");

        b.append("<h2>EU AI Act articles and what serves them</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) s.get("articles")) {
            rows.add(List.of(String.valueOf(a.get("article")), String.valueOf(a.get("title")), String.valueOf(a.get("served_by")),
                    String.join(", ", (List<String>) a.get("sections"))));
        }
        b.append(Html.table(List.of("article", "title", "served by", "sections"), rows));

        Map<String, Object> chain = (Map<String, Object>) s.get("audit_chain");
        b.append("<h2 id=\"audit_chain\">Audit chain (Art. 12)</h2>\n<p class=\"").append(Boolean.TRUE.equals(chain.get("intact")) ? "pass" : "fail")
                .append("\">").append(Boolean.TRUE.equals(chain.get("intact")) ? "intact" : "broken at record " + chain.get("first_bad") + ": "
                        + Html.escape(String.valueOf(chain.get("problem")))).append("</p>\n");
        b.append(Html.table(List.of("records", "in period", "last id", "last hash"), List.of(List.of(String.valueOf(chain.get("records")),
                String.valueOf(chain.get("records_in_period")), String.valueOf(chain.get("last_id")), String.valueOf(chain.get("last_hash"))))));

        b.append("<h2 id=\"constitutions\">Constitution versions in force (Art. 9, 13)</h2>\n");
        for (Map<String, Object> c : (List<Map<String, Object>>) s.get("constitutions")) {
            b.append("<h3>").append(Html.escape(c.get("name") == null ? "version " + c.get("sha256") : c.get("name") + " " + c.get("version")))
                    .append("</h3>\n<p class=\"note\">SHA-256 ").append(Html.escape(String.valueOf(c.get("sha256")))).append("; in force from ")
                    .append(Html.escape(String.valueOf(c.get("first_seen")))).append(" to ").append(Html.escape(String.valueOf(c.get("last_seen"))))
                    .append("; ").append(c.get("decisions")).append(" decisions</p>\n");
            List<Map<String, Object>> norms = (List<Map<String, Object>>) c.get("norms");
            if (norms == null) {
                b.append("<p>Not one of the constitutions given to this command: its norms are not listed.</p>\n");
                continue;
            }
            List<List<String>> nr = new ArrayList<>();
            for (Map<String, Object> n : norms) {
                nr.add(List.of(String.valueOf(n.get("id")), String.valueOf(n.get("tier")), String.valueOf(n.get("citation"))));
            }
            b.append(Html.table(List.of("norm", "tier", "legal citation"), nr));
        }

        Map<String, Object> d = (Map<String, Object>) s.get("decisions");
        b.append("<h2 id=\"decisions\">Gateway decisions (Art. 12, 13, 14, 15, 50)</h2>\n");
        b.append(Html.table(List.of("decisions", "held", "shadow", "passed through unchecked"), List.of(List.of(String.valueOf(d.get("total")),
                String.valueOf(d.get("held")), String.valueOf(d.get("shadow")), String.valueOf(d.get("pass_through"))))));
        b.append(counts("by action", (Map<String, Integer>) d.get("by_action")));
        b.append(counts("by fail mode", (Map<String, Integer>) d.get("by_fail_mode")));
        List<List<String>> an = new ArrayList<>();
        ((Map<String, Map<String, Integer>>) d.get("actions_by_norm")).forEach((norm, m) -> an.add(List.of(norm, m.toString())));
        b.append("<h3>Actions by norm</h3>\n").append(Html.table(List.of("norm", "actions"), an));
        b.append(counts("disclosures by norm (Art. 50)", (Map<String, Integer>) d.get("disclosures_by_norm")));

        Map<String, Object> r = (Map<String, Object>) s.get("reviews");
        b.append("<h2 id=\"reviews\">Human oversight: the review queue (Art. 14)</h2>\n<p>Overrides (held answers a reviewer approved): ")
                .append(r.get("overrides")).append("</p>\n");
        b.append(counts("by status", (Map<String, Integer>) r.get("by_status")));
        b.append(counts("by resolution", (Map<String, Integer>) r.get("by_resolution")));
        List<List<String>> rr = new ArrayList<>();
        for (Map<String, Object> x : (List<Map<String, Object>>) r.get("list")) {
            rr.add(List.of(String.valueOf(x.get("id")), String.valueOf(x.get("created")), String.valueOf(x.get("context")), String.valueOf(x.get("status")),
                    String.valueOf(x.get("resolution")), String.valueOf(x.get("note"))));
        }
        b.append(Html.table(List.of("review", "created", "context", "status", "resolution", "note"), rr));

        b.append("<h2 id=\"evaluations\">Evaluation runs (Art. 9, 15)</h2>\n");
        List<List<String>> er = new ArrayList<>();
        for (Map<String, Object> x : (List<Map<String, Object>>) s.get("evaluations")) {
            er.add(List.of(String.valueOf(x.get("run")), String.valueOf(x.get("model")), String.valueOf(x.get("answers")),
                    String.valueOf(x.get("by_jurisdiction"))));
        }
        b.append(Html.table(List.of("run", "model", "answers", "verdicts by jurisdiction"), er));
        for (Map<String, Object> x : (List<Map<String, Object>>) s.get("evaluations")) {
            List<List<String>> nr = new ArrayList<>();
            ((Map<String, Map<String, Integer>>) x.get("by_norm")).forEach((norm, m) -> nr.add(List.of(norm, m.toString())));
            b.append("<h3>Run ").append(Html.escape(String.valueOf(x.get("run")))).append(": verdicts by norm</h3>\n")
                    .append(Html.table(List.of("norm", "verdicts"), nr));
        }
        return Html.page("Polity evidence pack", b.toString());
    }

    private static String counts(String title, Map<String, Integer> m) {
        List<List<String>> rows = new ArrayList<>();
        m.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        return "<h3>" + Html.escape(title) + "</h3>\n" + Html.table(List.of("", "count"), rows);
    }
}
