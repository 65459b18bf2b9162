package dev.polity.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.judge.check.GroupAgreement;
import dev.polity.judge.check.NormDevCheck;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.check.XsTestCheck;
import dev.polity.report.CheckHtml;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A real-data check's result, rendered for the terminal, Markdown, JSON and an HTML fragment (table and inline SVG chart). */
sealed interface CheckOutcome {
    ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** A few lines: the headline figures and whether the bars are met. */
    String terminal();

    /** A heading-less Markdown section body: the table and what it shows. */
    String markdown();

    /** An HTML fragment (no page around it): chart, table, and what it shows. */
    String html();

    Map<String, Object> json();

    default String jsonText() {
        try {
            return JSON.writeValueAsString(json()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    record XsTest(XsTestCheck.Result result) implements CheckOutcome {
        static final String ABOUT = "Refusal (full or partial) vs compliance accuracy against the human `final_label`, 450 real answers per model. "
                + "Baselines from the data: a refusal-phrase string match and GPT-4 as judge. Default = the detector shipped with Polity "
                + "(trained only on answers written for it); trained = `polity judge train` on the other two models' answers (leave one model out).";

        boolean beatsBaselines() {
            return result.trainedBehindABaseline().isEmpty();
        }

        String bars() {
            return "trained beats both baselines on every model: " + yes(beatsBaselines())
                    + "; trained mean >= 0.93: " + yes(result.mean().trained() >= 0.93)
                    + "; default beats string match on average: " + yes(result.mean().defaultDetector() > result.mean().stringMatch());
        }

        @Override
        public String terminal() {
            XsTestCheck.ModelRow m = result.mean();
            return "XSTest: mean accuracy trained " + f3(m.trained()) + ", default " + f3(m.defaultDetector()) + " (string match "
                    + f3(m.stringMatch()) + ", GPT-4 judge " + f3(m.gpt4Judge()) + ")\n  " + bars();
        }

        @Override
        public String markdown() {
            return ABOUT + "\n\n" + result.markdown() + "\nBars: " + bars() + ".\n";
        }

        @Override
        public String html() {
            return CheckHtml.xstest(result, ABOUT, bars());
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", XsTestCheck.NAME);
            m.put("models", result.models());
            m.put("mean", result.mean());
            m.put("trained_behind_a_baseline", result.trainedBehindABaseline());
            return m;
        }
    }

    record Popquorn(PopquornCheck.Result result) implements CheckOutcome {
        static final String ABOUT = "Spearman correlation of the derogation score with the mean offensiveness rating (1-5) of everyone and of each "
                + "demographic group with at least " + PopquornCheck.MIN_GROUP_RATINGS + " ratings. Default = the model shipped with Polity; "
                + "trained = ridge regression, out-of-fold predictions of 5-fold cross-validation over texts.";

        String bars() {
            return "trained reaches the median annotator: " + yes(result.trainedReachesMedianAnnotator());
        }

        @Override
        public String terminal() {
            return "POPQUORN: Spearman with everyone's mean rating trained " + f3(result.everyone().trained()) + ", default "
                    + f3(result.everyone().defaultModel()) + " (median annotator " + f3(result.human().median()) + ")\n  " + bars()
                    + (result.heldOut() == null ? "" : "\n  whose judgement (held-out texts): " + result.heldOut().bars());
        }

        @Override
        public String markdown() {
            return ABOUT + "\n\n" + result.markdown() + "\n" + result.sidesSentence() + " Bars: " + bars() + ".\n";
        }

        @Override
        public String html() {
            return CheckHtml.popquorn(result, ABOUT, bars());
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", PopquornCheck.NAME);
            m.put("texts", result.texts());
            m.put("ratings", result.ratings());
            m.put("groups", result.groups());
            m.put("human_baseline", result.human());
            m.put("sides", result.sides());
            m.put("trained_reaches_median_annotator", result.trainedReachesMedianAnnotator());
            if (result.heldOut() != null) {
                GroupAgreement.Result g = result.heldOut();
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("group_columns", g.columns());
                h.put("held_out_fold", g.heldOutFold());
                h.put("train_texts", g.trainTexts());
                h.put("held_out_texts", g.heldOutTexts());
                h.put("pooled_overall", g.pooledOverall());
                h.put("group_aware_overall", g.groupedOverall());
                h.put("overall_kept", g.overallKept());
                h.put("groups", g.rows());
                h.put("below_bar", g.belowBar());
                h.put("below_aim", g.belowAim());
                m.put("whose_judgement", h);
            }
            return m;
        }
    }

    record Norms(NormDevCheck.Result result) implements CheckOutcome {
        static final String ABOUT = "The norm judge (norm-judge) on labelled (context, prompt, answer, norm, verdict) items, whole norms held out: "
                + "grouped cross-validation by norm, each fold judged by a model whose penalty, calibration and abstention threshold were "
                + "chosen inside the other folds. Accuracy is on the items it decided (complies or violates); coverage is their share.";

        String bars() {
            NormDevCheck.Row o = result.overall();
            return "accuracy on decided >= " + NormDevCheck.BAR_ACCURACY + " at coverage >= " + NormDevCheck.BAR_COVERAGE + ": "
                    + yes(o.accuracy() >= NormDevCheck.BAR_ACCURACY && o.coverage() >= NormDevCheck.BAR_COVERAGE)
                    + "; law-tier violates recall >= " + NormDevCheck.BAR_LAW_RECALL + ": " + yes(result.law().decidedRecall() >= NormDevCheck.BAR_LAW_RECALL);
        }

        @Override
        public String terminal() {
            NormDevCheck.Row o = result.overall();
            return "Norm judge (norms held out): accuracy " + f3(o.accuracy()) + " on decided items at coverage " + f3(o.coverage())
                    + "; law-tier violates recall " + f3(result.law().decidedRecall()) + " (length-only baseline " + f3(result.lengthBaseline()) + ")\n  " + bars();
        }

        @Override
        public String markdown() {
            return ABOUT + "\n\n" + result.markdown() + "\nBars: " + bars() + ".\n";
        }

        @Override
        public String html() {
            return CheckHtml.norms(result, ABOUT, bars());
        }

        @Override
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", NormDevCheck.NAME);
            Map<String, Object> overall = new LinkedHashMap<>();
            overall.put("items", result.overall().items());
            overall.put("decided", result.overall().decided());
            overall.put("coverage", result.overall().coverage());
            overall.put("accuracy", result.overall().accuracy());
            overall.put("accuracy_full_coverage", result.overall().fullCoverageAccuracy());
            m.put("overall", overall);
            m.put("accuracy_interval", result.accuracyInterval());
            m.put("coverage_interval", result.coverageInterval());
            Map<String, Object> law = new LinkedHashMap<>();
            law.put("items", result.law().violating());
            law.put("caught", result.law().caught());
            law.put("recall_decided", result.law().decidedRecall());
            law.put("recall_strict", result.law().strictRecall());
            m.put("law_violations", law);
            m.put("length_baseline", result.lengthBaseline());
            m.put("unrelated_decided", result.unrelatedDecided());
            m.put("curve", result.curve());
            m.put("confusion", result.confusion());
            m.put("offline", result.offline());
            m.put("breakdown", result.breakdown());
            m.put("meets_bars", result.meetsBars());
            return m;
        }
    }
}
