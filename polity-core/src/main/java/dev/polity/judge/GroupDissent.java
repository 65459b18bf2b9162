package dev.polity.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group head that would have decided a derogation verdict otherwise than the verdict's welfare rule did:
 * its column, group, score and the outcome its score alone gives. Written at the end of the verdict's
 * evidence, so it is stored and reported with it, and read back from there by the evaluation report.
 */
public record GroupDissent(String column, String group, double score, Outcome outcome) {
    static final String MARK = " [decided otherwise by ";
    private static final Pattern ONE = Pattern.compile("(.+?)=(.+?) ([0-9.]+) (complies|violates|uncertain)");

    /** {@code evidence} with the dissenting heads appended (unchanged when there are none). */
    static String append(String evidence, List<GroupDissent> dissent) {
        if (dissent.isEmpty()) {
            return evidence;
        }
        List<String> parts = new ArrayList<>();
        for (GroupDissent d : dissent) {
            parts.add(String.format(Locale.ROOT, "%s=%s %.2f %s", d.column(), d.group(), d.score(), d.outcome().wireName()));
        }
        return evidence + MARK + String.join("; ", parts) + "]";
    }

    /** The dissenting heads written in a verdict's evidence; empty when there are none. */
    public static List<GroupDissent> in(String evidence) {
        int at = evidence == null ? -1 : evidence.lastIndexOf(MARK);
        if (at < 0 || !evidence.endsWith("]")) {
            return List.of();
        }
        List<GroupDissent> out = new ArrayList<>();
        for (String part : evidence.substring(at + MARK.length(), evidence.length() - 1).split("; ")) {
            Matcher m = ONE.matcher(part);
            if (m.matches()) {
                out.add(new GroupDissent(m.group(1), m.group(2), Double.parseDouble(m.group(3)), Outcome.parse(m.group(4))));
            }
        }
        return out;
    }

    public String label() {
        return column + " " + group;
    }
}
