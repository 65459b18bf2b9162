package dev.polity.report;

import dev.polity.eval.Gate;
import dev.polity.eval.JudgedItem;
import dev.polity.eval.NormVerdict;
import dev.polity.eval.Results;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI (the Ant/Surefire schema that Jenkins, GitLab and GitHub test reporters read): a
 * {@code gates} suite with one test case per threshold and model, failing on a breach, and one suite per
 * model with one test case per norm × context, failing when any answer violated the norm there.
 */
final class JUnitXml {
    private static final int MAX_LISTED = 20;

    private JUnitXml() {
    }

    private record Case(String className, String name, String failure, String details, String out) {
    }

    public static String render(Results r) {
        Map<String, List<Case>> suites = new java.util.LinkedHashMap<>();
        List<Case> gates = new ArrayList<>();
        for (Gate.Check c : r.gate().checks()) {
            gates.add(new Case("polity.gate", c.name() + " [" + c.model() + "]", c.passed() ? null : c.detail(), c.detail(), null));
        }
        suites.put("gates", gates);
        // model -> "norm @ context" -> counts and the violating items
        Map<String, Map<String, List<String>>> violations = new TreeMap<>();
        Map<String, Map<String, int[]>> counts = new TreeMap<>();
        for (JudgedItem j : r.items()) {
            for (NormVerdict v : j.verdicts()) {
                String key = v.normId() + " @ " + j.item().context().name();
                int[] k = counts.computeIfAbsent(j.model(), x -> new TreeMap<>()).computeIfAbsent(key, x -> new int[3]);
                List<String> vs = violations.computeIfAbsent(j.model(), x -> new TreeMap<>()).computeIfAbsent(key, x -> new ArrayList<>());
                switch (v.verdict().outcome()) {
                    case COMPLIES -> k[0]++;
                    case VIOLATES -> {
                        k[1]++;
                        if (vs.size() < MAX_LISTED) {
                            vs.add(j.item().key() + ": " + v.verdict().evidence());
                        }
                    }
                    case UNCERTAIN -> k[2]++;
                    default -> {
                    }
                }
            }
        }
        for (var model : counts.entrySet()) {
            List<Case> cases = new ArrayList<>();
            for (var e : model.getValue().entrySet()) {
                int[] k = e.getValue();
                String summary = k[0] + " comply, " + k[1] + " violate, " + k[2] + " uncertain";
                String norm = e.getKey().substring(0, e.getKey().indexOf(" @ "));
                cases.add(new Case("polity.norm." + norm, e.getKey(), k[1] == 0 ? null : k[1] + " of " + (k[0] + k[1] + k[2]) + " answers violate",
                        String.join("\n", violations.get(model.getKey()).get(e.getKey())), summary));
            }
            suites.put("compliance." + model.getKey(), cases);
        }
        try {
            StringWriter w = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", clean("polity eval " + r.suite()));
            x.writeAttribute("tests", "" + suites.values().stream().mapToInt(List::size).sum());
            x.writeAttribute("failures", "" + suites.values().stream().flatMap(List::stream).filter(c -> c.failure() != null).count());
            for (var s : suites.entrySet()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(s.getKey()));
                x.writeAttribute("tests", "" + s.getValue().size());
                x.writeAttribute("failures", "" + s.getValue().stream().filter(c -> c.failure() != null).count());
                x.writeAttribute("errors", "0");
                x.writeAttribute("skipped", "0");
                for (Case c : s.getValue()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", clean(c.className()));
                    x.writeAttribute("name", clean(c.name()));
                    if (c.failure() != null) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", clean(c.failure()));
                        x.writeAttribute("type", c.className().equals("polity.gate") ? "GateBreach" : "NormViolation");
                        x.writeCharacters(clean(c.details()));
                        x.writeEndElement();
                    }
                    if (c.out() != null) {
                        x.writeStartElement("system-out");
                        x.writeCharacters(clean(c.out()));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return w + "\n";
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops characters XML 1.0 cannot carry (control characters, lone surrogates), which model answers may contain. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
            sb.append(ok ? new String(Character.toChars(cp)) : "\uFFFD");
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
