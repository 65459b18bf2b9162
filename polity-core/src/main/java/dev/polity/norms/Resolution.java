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
        norms = List.copyOf(norms);
        overridden = List.copyOf(overridden);
        gaps = List.copyOf(gaps);
    }

    /** A norm that applies, and why: its scope reason first, then every norm it prevails over. */
    public record Applicable(Norm norm, List<String> reasons) {
        public Applicable {
            reasons = List.copyOf(reasons);
        }
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
