package dev.polity.norms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two versions of a constitution: norms added, removed and changed (field by
 * field), and every representative context whose applicable set differs, with the ids that enter and
 * leave it there.
 */
public record ConstitutionDiff(List<String> added, List<String> removed, List<Change> changed, List<Impact> impacts) {

    /** A norm present in both versions whose fields differ. */
    public record Change(String id, List<String> fields) {
    }

    /** A context where the applicable set differs: ids that apply only in the new version, and only in the old. */
    public record Impact(Context context, List<String> entering, List<String> leaving) {
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && impacts.isEmpty();
    }

    /** @param today the date of the compared contexts when neither version has effective dates */
    public static ConstitutionDiff between(Constitution before, Constitution after, LocalDate today) {
        Map<String, Norm> a = before.byId();
        Map<String, Norm> b = after.byId();
        List<String> added = new TreeSet<>(b.keySet()).stream().filter(id -> !a.containsKey(id)).toList();
        List<String> removed = new TreeSet<>(a.keySet()).stream().filter(id -> !b.containsKey(id)).toList();
        List<Change> changed = new ArrayList<>();
        for (String id : new TreeSet<>(a.keySet())) {
            Norm x = a.get(id);
            Norm y = b.get(id);
            if (y == null) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            field(fields, "statement", x.statement(), y.statement());
            field(fields, "kind", x.kind(), y.kind());
            field(fields, "tier", x.tier(), y.tier());
            field(fields, "topic", x.topic(), y.topic());
            field(fields, "values", x.values(), y.values());
            field(fields, "scope", x.scope(), y.scope());
            field(fields, "source", x.source(), y.source());
            field(fields, "effective", x.effective(), y.effective());
            field(fields, "overrides", x.overrides(), y.overrides());
            field(fields, "checks", x.checks(), y.checks());
            field(fields, "examples", x.examples(), y.examples());
            field(fields, "provenance", x.provenance(), y.provenance());
            if (!fields.isEmpty()) {
                changed.add(new Change(id, fields));
            }
        }
        Resolver ra = new Resolver(before);
        Resolver rb = new Resolver(after);
        List<Impact> impacts = new ArrayList<>();
        for (Context ctx : ContextGrid.of(List.of(before, after), today)) {
            if (!before.jurisdictions().isKnown(ctx.jurisdiction()) || !after.jurisdictions().isKnown(ctx.jurisdiction())) {
                continue;
            }
            TreeSet<String> x = new TreeSet<>(ra.applicable(ctx).applicableIds());
            TreeSet<String> y = new TreeSet<>(rb.applicable(ctx).applicableIds());
            if (!x.equals(y)) {
                List<String> entering = y.stream().filter(id -> !x.contains(id)).toList();
                List<String> leaving = x.stream().filter(id -> !y.contains(id)).toList();
                impacts.add(new Impact(ctx, entering, leaving));
            }
        }
        return new ConstitutionDiff(added, removed, changed, impacts);
    }

    /**
     * The diff as plain maps and lists, in the shape of {@code polity norms diff --format json}:
     * {@code {"added", "removed", "changed": [{"id", "fields"}], "contexts": [{"context", "entering", "leaving"}]}}.
     */
    public Map<String, Object> asMap() {
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Change c : changed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("fields", c.fields());
            cs.add(m);
        }
        List<Map<String, Object>> is = new ArrayList<>();
        for (Impact i : impacts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("context", i.context().toString());
            m.put("entering", i.entering());
            m.put("leaving", i.leaving());
            is.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("added", added);
        out.put("removed", removed);
        out.put("changed", cs);
        out.put("contexts", is);
        return out;
    }

    private static void field(List<String> out, String name, Object x, Object y) {
        if (!Objects.equals(x, y)) {
            out.add(name);
        }
    }
}
