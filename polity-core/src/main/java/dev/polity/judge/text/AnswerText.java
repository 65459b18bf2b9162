package dev.polity.judge.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer read as text: its language, its sentences, and its turn, the part after the first
 * contrast ("but", "however", "that said", "aber", "mais", "pero", "però", "mas", "maar", "하지만",
 * "但是", ...) when one follows something: where a refusal that complies anyway ("I can't advise on
 * doses, but ...") says what it says.
 *
 * @param tail the text after the first contrast, or empty when there is none
 */
public record AnswerText(String text, String language, List<String> sentences, String tail) {
    /** Sentences read per answer; what decides a norm is rarely further in. */
    public static final int MAX_SENTENCES = 8;
    private static final Pattern CONTRAST = Pattern.compile(
            "(?<![\\p{L}])(?:but|however|that said|having said that|nevertheless|nonetheless|even so|still,"
                    + "|aber|jedoch|allerdings|trotzdem|dennoch"
                    + "|mais|cependant|toutefois|néanmoins|pourtant|cela dit"
                    + "|pero|sin embargo|no obstante|aun así|dicho esto"
                    + "|ma|però|tuttavia|comunque|detto questo"
                    + "|mas|porém|contudo|no entanto|todavia"
                    + "|maar|echter|toch|desondanks)(?![\\p{L}])"
                    + "|하지만|그러나|그렇지만|다만|但是|不过|然而",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    public AnswerText {
        sentences = List.copyOf(sentences);
    }

    public static AnswerText read(String text) {
        String language = Languages.identify(text);
        List<String> sentences = Sentences.split(text, language);
        if (sentences.size() > MAX_SENTENCES) {
            sentences = sentences.subList(0, MAX_SENTENCES);
        }
        return new AnswerText(text, language, sentences, tail(text));
    }

    static String tail(String text) {
        Matcher m = CONTRAST.matcher(text);
        while (m.find()) {
            if (m.start() >= 3) {
                String rest = text.substring(m.end()).replaceFirst("^[\\s,:;.!—–-]+", "").strip();
                return rest.length() >= 3 ? rest : "";
            }
        }
        return "";
    }
}
