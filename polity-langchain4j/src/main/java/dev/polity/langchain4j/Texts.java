package dev.polity.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.Locale;

/** The text of a LangChain4j message, as the guard judges it. */
final class Texts {
    private Texts() {
    }

    static String of(ChatMessage m) {
        if (m instanceof UserMessage u) {
            if (u.hasSingleText()) {
                return u.singleText();
            }
            StringBuilder b = new StringBuilder();
            u.contents().stream().filter(c -> c instanceof TextContent).forEach(c -> b.append(b.length() == 0 ? "" : "\n").append(((TextContent) c).text()));
            return b.toString();
        }
        if (m instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return t.text();
        }
        return "";
    }

    static String role(ChatMessage m) {
        return m.type().name().toLowerCase(Locale.ROOT);
    }
}
