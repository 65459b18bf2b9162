package dev.polity.norms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The norms that apply in one context, each with its chain of reasons; the norms that another
 * applicable norm overrides there; and the gaps: conflicts no canon settles, with who decides them.
 */
public record Resolution(Context context, List<Applicable> norms, List<Overridden> overridden, List<Gap> gaps) {

    public Resolution {
        // Read-only views: the resolver hands over lists it never touches again, and copying them costs
        // a measurable share of a resolution.
        norms = java.util.Collections.unmodifiableList(norms);
        overridden = java.util.Collections.unmodifiableList(overridden);
        gaps = java.util.Collections.unmodifiableList(gaps);
    }

    /**
     * A norm that applies, and why: how its scope reaches the context, and every norm it prevails over.
     * The reasons are spelt out on demand ({@link #reasons()}), so resolving stays cheap.
     */
    public record Applicable(Norm norm, Reach reach, List<Prevails> prevails) {
        public Applicable {
            prevails = prevails.isEmpty() ? List.of() : java.util.Collections.unmodifiableList(prevails);
        }

        /** The chain of reasons: the scope reason first, then "overrides X: reason" for each norm it prevails over. */
        public List<String> reasons() {
            List<String> out = new ArrayList<>(1 + prevails.size());
            out.add(reach.reason(norm));
            for (Prevails p : prevails) {
                out.add("overrides " + p.over().id() + ": " + p.reason());
            }
            return out;
        }
    }

    /** How a norm's scope reaches a context: through which code, and whether domain and audience are named. */
    public record Reach(Context context, String via, boolean namedDomain, boolean namedAudience) {
        String reason(Norm norm) {
            String j = context.jurisdiction();
            String where = via.equals(j) ? j : via.equals(Scope.ALL) ? j + " (scope *)" : j + " within " + via;
            String domain = namedDomain ? "domain " + context.domain() : "any domain";
            String audience = namedAudience ? "audience " + context.audience() : "any audience";
            String since = norm.effective().from() == null ? "" : "; in force since " + norm.effective().from();
            return "in scope: " + where + ", " + domain + ", " + audience + since;
        }
    }

    /** One conflict an applicable norm won, and under which canon. */
    public record Prevails(Norm over, Principle principle, String reason) {
    }

    /** A norm in scope that does not apply because {@code by} prevails over it under {@code principle}. */
    public record Overridden(Norm norm, Norm by, Principle principle, String reason) {
    }

    /**
     * A conflict that no canon settles: equal tier, neither scope more specific, same effective date
     * (or a dependency on such a conflict). {@code residualAuthority} decides it.
     */
    public record Gap(String topic, List<Norm> norms, String tier, String residualAuthority, String reason) {
        public Gap {
            norms = List.copyOf(norms);
        }
    }

    /**
     * The resolution as plain maps and lists, in the shape of {@code polity norms resolve --format json}:
     * {@code {"context", "norms": [{"id", "kind", "tier", "statement", "reasons"}], "overridden", "gaps"}}.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("jurisdiction", context.jurisdiction());
        ctx.put("domain", context.domain() == null ? "*" : context.domain());
        ctx.put("audience", context.audience() == null ? "*" : context.audience());
        ctx.put("date", context.date().toString());
        List<Map<String, Object>> ns = new ArrayList<>();
        for (Applicable a : norms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.norm().id());
            m.put("kind", a.norm().kind().yamlName());
            m.put("tier", a.norm().tier());
            m.put("topic", a.norm().topic());
            m.put("statement", a.norm().statement());
            m.put("reasons", a.reasons());
            ns.add(m);
        }
        List<Map<String, Object>> os = new ArrayList<>();
        for (Overridden o : overridden) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.norm().id());
            m.put("by", o.by().id());
            m.put("principle", o.principle().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reason", o.reason());
            os.add(m);
        }
        List<Map<String, Object>> gs = new ArrayList<>();
        for (Gap g : gaps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", g.topic());
            m.put("norms", g.norms().stream().map(Norm::id).toList());
            m.put("tier", g.tier());
            m.put("residual_authority", g.residualAuthority());
            m.put("reason", g.reason());
            gs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("context", ctx);
        out.put("norms", ns);
        out.put("overridden", os);
        out.put("gaps", gs);
        return out;
    }

    public List<String> applicableIds() {
        return norms.stream().map(a -> a.norm().id()).toList();
    }

    public boolean applies(String id) {
        return norms.stream().anyMatch(a -> a.norm().id().equals(id));
    }
}
