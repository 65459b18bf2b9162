package dev.polity.bench;

import dev.polity.norms.Jurisdictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic constitution for benchmarks: {@code norms} norms over {@code places} jurisdictions (all
 * countries that have bundled subdivisions, then their subdivisions, plus EU and a user grouping), spread
 * over tiers, topics, domains and audiences so that many conflicts arise. Seeded: the same text every time.
 */
public final class GeneratedConstitution {
    static final List<String> TIERS = List.of("law", "regulation", "operator", "community", "user");
    static final List<String> KINDS = List.of("must", "must_not", "should", "should_not", "may");
    static final List<String> DOMAINS = List.of("general", "healthcare", "legal", "education", "public-administration", "finance");
    static final List<String> AUDIENCES = List.of("adult", "minor", "professional");

    private GeneratedConstitution() {
    }

    /** The jurisdiction codes used: countries first, then subdivisions, {@code places} in all. */
    public static List<String> places(int places) {
        List<String> subdivisions = new ArrayList<>(Jurisdictions.bundledSubdivisions());
        List<String> out = new ArrayList<>();
        subdivisions.stream().map(s -> s.substring(0, 2)).distinct().forEach(out::add);
        out.addAll(Jurisdictions.EU_MEMBERS.stream().filter(c -> !out.contains(c)).toList());
        for (String s : subdivisions) {
            if (out.size() >= places) {
                break;
            }
            out.add(s);
        }
        return List.copyOf(out.subList(0, Math.min(places, out.size())));
    }

    public static String yaml(int norms, int places, long seed) {
        Random rnd = new Random(seed);
        List<String> codes = places(places);
        StringBuilder sb = new StringBuilder(norms * 400);
        sb.append("name: generated\nversion: \"1\"\n");
        sb.append("residual_authority:\n");
        TIERS.forEach(t -> sb.append("  ").append(t).append(": the ").append(t).append(" board\n"));
        sb.append("groupings:\n  BENCH-GROUP:\n    members: [").append(String.join(", ", codes.subList(0, Math.min(20, codes.size())))).append("]\n");
        sb.append("domains: [").append(String.join(", ", DOMAINS)).append("]\n");
        sb.append("audiences: [").append(String.join(", ", AUDIENCES)).append("]\n");
        sb.append("norms:\n");
        int topics = Math.max(1, norms / 20);
        for (int i = 0; i < norms; i++) {
            // 2% everywhere, 3% EU, 3% a user grouping, the rest one country or subdivision each.
            int r = rnd.nextInt(100);
            String place = r < 2 ? "\"*\"" : r < 5 ? "EU" : r < 8 ? "BENCH-GROUP" : codes.get(rnd.nextInt(codes.size()));
            String domain = rnd.nextInt(3) == 0 ? "\"*\"" : DOMAINS.get(rnd.nextInt(DOMAINS.size()));
            String audience = rnd.nextInt(4) == 0 ? AUDIENCES.get(rnd.nextInt(AUDIENCES.size())) : "\"*\"";
            sb.append("  - id: gen.n").append(i).append('\n');
            sb.append("    statement: Generated norm number ").append(i).append(" for benchmarking.\n");
            sb.append("    kind: ").append(KINDS.get(rnd.nextInt(KINDS.size()))).append('\n');
            sb.append("    tier: ").append(TIERS.get(rnd.nextInt(TIERS.size()))).append('\n');
            sb.append("    topic: topic-").append(rnd.nextInt(topics)).append('\n');
            sb.append("    values: [fairness]\n");
            sb.append("    scope:\n      jurisdictions: [").append(place).append("]\n");
            sb.append("      domains: [").append(domain).append("]\n      audiences: [").append(audience).append("]\n");
            sb.append("    source: {type: policy, citation: \"Bench policy ").append(i).append("\"}\n");
            if (rnd.nextInt(3) == 0) {
                sb.append("    effective: {from: 20").append(20 + rnd.nextInt(7)).append("-0").append(1 + rnd.nextInt(9)).append("-01}\n");
            }
            sb.append("    checks:\n      - detector: rules\n        params: {forbid: [\"forbidden phrase ").append(i).append("\"]}\n");
        }
        return sb.toString();
    }
}
