package dev.polity.judge.learn;

import dev.polity.judge.text.AnswerText;
import dev.polity.judge.text.LexiconMatcher;
import dev.polity.norms.Lexicon;
import java.util.List;
import java.util.Optional;

/**
 * What the norm judge reads from one answer, once, whatever the norm: the text's language, sentences
 * and turn ({@link AnswerText}), unit embeddings of the whole answer, of each sentence, of the turn and
 * of the prompt, the project's detectors' outputs, and (on demand, remembered) which lexicons it contains.
 *
 * @param tail       the embedding of the text after its first contrast, or null when there is none
 * @param prompt     the embedding of the prompt, or null when there is no prompt
 * @param refusal    the refusal detector's degree: P(full refusal) + ½ P(partial refusal)
 * @param derogation the derogation detector's score, 0..1
 * @param pii        how many kinds of personal data were found
 */
public record AnswerFacts(AnswerText text, float[] whole, List<float[]> sentences, float[] tail, float[] prompt,
                          double refusal, double derogation, int pii, LexiconMatcher.Scan lexicons) {

    public AnswerFacts(AnswerText text, float[] whole, List<float[]> sentences, float[] tail, float[] prompt,
                       double refusal, double derogation, int pii) {
        this(text, whole, sentences, tail, prompt, refusal, derogation, pii, LexiconMatcher.scan(text.text()));
    }

    public AnswerFacts {
        sentences = List.copyOf(sentences);
    }

    /** Where the lexicon first matches, if it does. */
    public Optional<LexiconMatcher.Hit> hit(Lexicon lexicon) {
        return lexicons.find(lexicon);
    }

    /** True when the lexicon matches within the first {@code chars} characters (an opening disclosure). */
    public boolean early(Lexicon lexicon, int chars) {
        return hit(lexicon).map(h -> h.start() < chars).orElse(false);
    }

    /** True when the lexicon matches in the turn (after the first contrast). */
    public boolean inTail(Lexicon lexicon) {
        String t = text.tail();
        return !t.isEmpty() && hit(lexicon).map(h -> h.start() >= text.text().length() - t.length() - 1).orElse(false);
    }
}
