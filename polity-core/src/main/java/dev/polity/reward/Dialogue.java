package dev.polity.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A conversation as Anthropic's HH-RLHF writes it ({@code "\n\nHuman: …\n\nAssistant: …"}, Bai et al., 2022), and
 * the one turn a reward looks at in any prompt: the request, the last thing the user said.
 */
public final class Dialogue {
    static final String HUMAN = "\n\nHuman:";
    static final String ASSISTANT = "\n\nAssistant:";
    /** Chat-template markers of common model families (ChatML, Llama 2 and 3, Gemma, Mistral), removed before finding the request. */
    private static final Pattern TEMPLATE = Pattern.compile("<\\|[^|>\\s]{1,40}\\|>|<\\/?s>|\\[/?INST\\]|<<\\/?SYS>>|<start_of_turn>|<end_of_turn>");
    private static final Pattern ROLE_LINE = Pattern.compile("(?m)^(?:user|assistant|system|model|human)\\s*:?\\s*$");
    private static final List<String> END_OF_TURN = List.of("<|im_end|>", "<|eot_id|>", "<end_of_turn>", "[/INST]", "<|im_start|>", "<|start_header_id|>");
    /** The tail of a prompt without a recognised turn structure that stands for its request (MiniLM reads about 100 words well). */
    static final int TAIL_WORDS = 80;

    private Dialogue() {
    }

    /** One HH-RLHF transcript cut at its last assistant turn: the prompt up to and including {@code "\n\nAssistant:"}, and the answer after it. */
    public record Split(String prompt, String answer) {
    }

    /** The cut of an HH-RLHF transcript; null when it has no {@code "\n\nAssistant:"} turn. */
    public static Split split(String transcript) {
        int at = transcript.lastIndexOf(ASSISTANT);
        if (at < 0) {
            return null;
        }
        return new Split(transcript.substring(0, at + ASSISTANT.length()), transcript.substring(at + ASSISTANT.length()).strip());
    }

    /**
     * The request of a prompt: in an HH-RLHF prompt the last human turn; in a chat-templated prompt (what an RLHF
     * trainer sends) the text after the last user marker, template tokens removed; otherwise the last
     * {@value #TAIL_WORDS} words, where a prompt puts what it asks.
     */
    public static String request(String prompt) {
        int human = prompt.lastIndexOf(HUMAN);
        if (human >= 0) {
            int end = prompt.indexOf(ASSISTANT, human);
            return prompt.substring(human + HUMAN.length(), end < 0 ? prompt.length() : end).strip();
        }
        String text = prompt;
        Matcher user = Pattern.compile("(?:<\\|im_start\\|>user|<\\|start_header_id\\|>user<\\|end_header_id\\|>|<start_of_turn>user|\\[INST\\])").matcher(prompt);
        int last = -1;
        while (user.find()) {
            last = user.end();
        }
        if (last >= 0) {
            int end = prompt.length();
            for (String marker : END_OF_TURN) {
                int at = prompt.indexOf(marker, last);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            text = prompt.substring(last, end);
        }
        text = ROLE_LINE.matcher(TEMPLATE.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        String[] words = text.split("\\s+");
        if (words.length <= TAIL_WORDS) {
            return text;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, words.length - TAIL_WORDS, words.length));
    }

    /**
     * A response as an RLHF trainer decodes it with special tokens kept: chat-template markers (an end-of-turn token,
     * {@code </s>}) are not what the answer says, and neither is the whitespace around it.
     */
    public static String answer(String decoded) {
        return TEMPLATE.matcher(decoded).replaceAll(" ").strip();
    }

    /**
     * The prompt as chat messages ({@code role}, {@code content}) for a conversational export: an HH-RLHF prompt's
     * turns, or the whole prompt as one user message.
     */
    public static List<Map<String, String>> messages(String prompt) {
        List<Map<String, String>> out = new ArrayList<>();
        if (!prompt.contains(HUMAN)) {
            out.add(message("user", prompt.strip()));
            return out;
        }
        Matcher m = Pattern.compile("\\n\\n(Human|Assistant):").matcher(prompt);
        String role = null;
        int from = 0;
        while (m.find()) {
            if (role != null) {
                add(out, role, prompt.substring(from, m.start()));
            }
            role = m.group(1).equals("Human") ? "user" : "assistant";
            from = m.end();
        }
        if (role != null) {
            add(out, role, prompt.substring(from));
        }
        return out;
    }

    private static void add(List<Map<String, String>> out, String role, String content) {
        String c = content.strip();
        // the prompt ends with the empty assistant turn it asks for: that turn is the answer's, not the prompt's
        if (!(role.equals("assistant") && c.isEmpty())) {
            out.add(message(role, c));
        }
    }

    static Map<String, String> message(String role, String content) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }
}
