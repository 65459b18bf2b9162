package dev.polity.norms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.input.Diagnostic;
import dev.polity.input.Location;
import dev.polity.input.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a constitution's {@code lexicons:} and resolves its norms' {@code signals}, adding what is wrong to the loader's errors. */
final class LexiconReader {
    private LexiconReader() {
    }

    /** The {@code lexicons:} of every file; a name defined twice differently, or a pattern that does not compile, is an error. */
    static Map<String, Lexicon> read(List<YamlDocument> docs, List<Diagnostic> errors) {
        Map<String, Lexicon> out = new TreeMap<>();
        for (YamlDocument d : docs) {
            for (var e : ConstitutionLoader.fields(d.root().get("lexicons")).entrySet()) {
                JsonNode l = e.getValue();
                if (!l.isObject() || !l.path("meaning").isTextual()) {
                    continue; // the schema has reported it
                }
                Location at = d.keyAt("/lexicons", e.getKey());
                Lexicon lex = new Lexicon(e.getKey(), l.get("meaning").asText(), byLanguage(l.get("phrases")), byLanguage(l.get("patterns")), at);
                for (var lang : lex.patterns().entrySet()) {
                    for (int i = 0; i < lang.getValue().size(); i++) {
                        try {
                            java.util.regex.Pattern.compile(lang.getValue().get(i));
                        } catch (java.util.regex.PatternSyntaxException x) {
                            errors.add(Diagnostic.error(d.at("/lexicons/" + e.getKey() + "/patterns/" + lang.getKey() + "/" + i),
                                    "lexicon " + e.getKey() + ": not a regular expression (" + x.getDescription() + ")"));
                        }
                    }
                }
                Lexicon first = out.putIfAbsent(e.getKey(), lex);
                if (first != null && !(first.phrases().equals(lex.phrases()) && first.patterns().equals(lex.patterns()))) {
                    errors.add(Diagnostic.error(at, "lexicon " + e.getKey() + " is already defined differently at " + first.location()));
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> byLanguage(JsonNode n) {
        Map<String, List<String>> out = new TreeMap<>();
        ConstitutionLoader.fields(n).forEach((lang, list) -> out.put(lang, ConstitutionLoader.strings(list)));
        return out;
    }

    /** A norm's {@code signals}, resolved; a name no file defines is an error at the name. */
    static Signals signals(YamlDocument d, String p, JsonNode s, Map<String, Lexicon> lexicons, List<Diagnostic> errors) {
        if (s == null || !s.isObject()) {
            return Signals.NONE;
        }
        List<List<Lexicon>> sides = new ArrayList<>();
        for (String side : List.of("complies_if_present", "violates_if_present")) {
            List<Lexicon> found = new ArrayList<>();
            List<String> names = ConstitutionLoader.strings(s.get(side));
            for (int i = 0; i < names.size(); i++) {
                Lexicon l = lexicons.get(names.get(i));
                if (l == null) {
                    errors.add(Diagnostic.error(d.at(p + "/signals/" + side + "/" + i), "no lexicon named '" + names.get(i) + "'"
                            + (lexicons.isEmpty() ? "; no loaded file defines lexicons" : "; known: " + String.join(", ", lexicons.keySet()))));
                } else {
                    found.add(l);
                }
            }
            sides.add(found);
        }
        return new Signals(sides.get(0), sides.get(1));
    }
}
