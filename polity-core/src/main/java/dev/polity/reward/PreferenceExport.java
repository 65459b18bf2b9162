package dev.polity.reward;

import dev.polity.input.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preference data for trainers, in TRL's preference format (Hugging Face TRL, "Dataset formats and types":
 * {@code prompt}, {@code chosen}, {@code rejected}; standard, each a text, or conversational, the prompt a list
 * of {@code {"role", "content"}} messages and each answer a list of one assistant message). A comparison comes from
 * human pairwise data re-labelled by the societal reward (the answer with the higher reward becomes the chosen one),
 * or from judged evaluation runs ({@link RunPreferences}); filters keep those with a large enough margin and the
 * verdicts asked for.
 */
public final class PreferenceExport {
    private PreferenceExport() {
    }

    /** TRL's two formats. */
    public enum Form {
        PLAIN("plain"), CONVERSATIONAL("conversational");

        public final String wireName;

        Form(String wireName) {
            this.wireName = wireName;
        }

        public static Form parse(String s) {
            for (Form f : values()) {
                if (f.wireName.equals(s)) {
                    return f;
                }
            }
            throw new InvalidInputException(null, "--format: expected plain or conversational, got '" + s + "'");
        }
    }

    /** Which comparisons the norms' verdicts let through. */
    public enum Verdicts {
        /** every comparison */
        ANY("any"),
        /** the chosen answer violates no norm */
        CHOSEN_COMPLIES("chosen-complies"),
        /** the rejected answer violates at least one norm */
        REJECTED_VIOLATES("rejected-violates"),
        /** both: a compliant answer against a violating one */
        BOTH("both");

        public final String wireName;

        Verdicts(String wireName) {
            this.wireName = wireName;
        }

        public static Verdicts parse(String s) {
            for (Verdicts v : values()) {
                if (v.wireName.equals(s)) {
                    return v;
                }
            }
            throw new InvalidInputException(null, "--verdict: expected any, chosen-complies, rejected-violates or both, got '" + s + "'");
        }

        boolean admits(Candidate c) {
            return switch (this) {
                case ANY -> true;
                case CHOSEN_COMPLIES -> c.chosenViolations() == 0;
                case REJECTED_VIOLATES -> c.rejectedViolations() > 0;
                case BOTH -> c.chosenViolations() == 0 && c.rejectedViolations() > 0;
            };
        }
    }

    /** What to keep: a margin at least {@code minMargin} (in reward units) and the verdicts asked for. */
    public record Filters(double minMargin, Verdicts verdicts) {
        public Filters {
            if (!(minMargin >= 0) || Double.isInfinite(minMargin)) {
                throw new InvalidInputException(null, "--min-margin: expected a number >= 0, got " + minMargin);
            }
        }
    }

    /**
     * One comparison as it would be exported: the prompt, the answer preferred and the other, the margin between
     * their rewards, whether the societal reward reversed the human label, the rater's attributes, where it came
     * from, and how many norms each answer violates.
     */
    public record Candidate(String prompt, String chosen, String rejected, double margin, boolean flipped, Map<String, String> attributes,
                            String source, int chosenViolations, int rejectedViolations) {
        public Candidate {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** A human comparison re-labelled by the two answers' rewards; a tie keeps the human order. */
    public static Candidate relabel(PreferencePair p, Reward chosen, Reward rejected) {
        boolean flip = rejected.reward() > chosen.reward();
        Reward first = flip ? rejected : chosen;
        Reward second = flip ? chosen : rejected;
        return new Candidate(p.prompt(), flip ? p.rejected() : p.chosen(), flip ? p.chosen() : p.rejected(), first.reward() - second.reward(), flip,
                p.attributes(), p.where().toString(), NormPenalties.violated(first.norms()), NormPenalties.violated(second.norms()));
    }

    public static boolean keep(Candidate c, Filters f) {
        return c.margin() >= f.minMargin() && f.verdicts().admits(c);
    }

    /**
     * The JSON object of one exported comparison, with TRL's columns and no others: plain, the answer after an
     * HH-RLHF prompt's final {@code "Assistant:"} starting with a space (so that prompt + chosen is the transcript);
     * conversational, the prompt's turns ({@link Dialogue#messages}) and each answer as one assistant message.
     */
    public static Map<String, Object> line(Candidate c, Form form) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (form == Form.PLAIN) {
            String gap = c.prompt().endsWith(":") ? " " : "";
            m.put("prompt", c.prompt());
            m.put("chosen", gap + c.chosen());
            m.put("rejected", gap + c.rejected());
        } else {
            m.put("prompt", Dialogue.messages(c.prompt()));
            m.put("chosen", List.of(Dialogue.message("assistant", c.chosen())));
            m.put("rejected", List.of(Dialogue.message("assistant", c.rejected())));
        }
        return m;
    }

    /** The comparisons kept, in input order. */
    public static List<Candidate> filter(List<Candidate> all, Filters f) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : all) {
            if (keep(c, f)) {
                out.add(c);
            }
        }
        return out;
    }
}
