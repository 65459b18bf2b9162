package dev.polity.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.polity.eval.JudgedItem;
import dev.polity.eval.Results;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything of a run as one JSON document: suite, provenance, gate (with {@code passed}), every
 * metric, and every judged item with its verdicts. Rates that were not measured are {@code "NaN"}.
 */
final class Json {
    public static final String FORMAT = "polity-eval-results";
    public static final int VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String render(Results r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("suite", r.suite());
        doc.put("provenance", r.provenance());
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("passed", r.gate().passed());
        gate.put("checks", r.gate().checks());
        doc.put("gate", gate);
        doc.put("metrics", r.metrics());
        List<Map<String, Object>> items = new ArrayList<>();
        for (JudgedItem j : r.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", j.item().key());
            m.put("model", j.model());
            m.put("item", j.item());
            m.put("answer", j.answer());
            m.put("outcome", j.outcome().wireName());
            m.put("refusal", j.refusal() == null ? null : j.refusal().wireName());
            m.put("correct", j.correct());
            m.put("behaved_as_expected", j.behavedAsExpected());
            m.put("verdicts", j.verdicts());
            m.put("skipped", j.skipped());
            items.add(m);
        }
        doc.put("items", items);
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
