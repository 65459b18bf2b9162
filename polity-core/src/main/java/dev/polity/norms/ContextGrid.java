package dev.polity.norms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A finite set of contexts that stands for every context a constitution can distinguish. Resolution
 * depends on a context only through which scope entries cover it and which norms are in force, so one
 * representative per named jurisdiction (and per member of a named grouping), one country no norm names,
 * every named domain and audience plus "none named", and every date on which some norm starts or stops
 * covers all outcomes.
 */
final class ContextGrid {
    private ContextGrid() {
    }

    /** @param today the one date of the grid when no norm has effective dates */
    public static List<Context> of(Constitution c, LocalDate today) {
        return of(List.of(c), today);
    }

    /** The grid over several constitutions at once (for diffs). */
    public static List<Context> of(Collection<Constitution> cs, LocalDate today) {
        TreeSet<String> places = new TreeSet<>();
        TreeSet<String> domains = new TreeSet<>();
        TreeSet<String> audiences = new TreeSet<>();
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (Constitution c : cs) {
            for (Norm n : c.norms()) {
                for (String j : n.scope().jurisdictions()) {
                    if (!j.equals(Scope.ALL)) {
                        places.addAll(c.jurisdictions().expand(j));
                    }
                }
                n.scope().domains().stream().filter(d -> !d.equals(Scope.ALL)).forEach(domains::add);
                n.scope().audiences().stream().filter(a -> !a.equals(Scope.ALL)).forEach(audiences::add);
                if (n.effective().from() != null) {
                    dates.add(n.effective().from());
                }
                if (n.effective().until() != null) {
                    dates.add(n.effective().until());
                }
            }
            domains.addAll(c.domains());
            audiences.addAll(c.audiences());
        }
        for (String country : new TreeSet<>(Jurisdictions.countries())) {
            if (!places.contains(country) && places.stream().noneMatch(p -> p.startsWith(country + "-"))) {
                places.add(country); // a place no norm names: only `*` reaches it
                break;
            }
        }
        List<LocalDate> when = new ArrayList<>();
        if (dates.isEmpty()) {
            when.add(today);
        } else {
            when.add(dates.first().minusDays(1));
            when.addAll(dates);
        }
        List<String> ds = new ArrayList<>();
        ds.add(null);
        ds.addAll(domains);
        List<String> as = new ArrayList<>();
        as.add(null);
        as.addAll(audiences);
        List<Context> out = new ArrayList<>();
        for (String j : places) {
            for (String d : ds) {
                for (String a : as) {
                    for (LocalDate t : when) {
                        out.add(new Context(j, d, a, t));
                    }
                }
            }
        }
        return out;
    }
}
