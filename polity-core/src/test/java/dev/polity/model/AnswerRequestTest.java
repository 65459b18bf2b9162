package dev.polity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerRequestTest {
    private final AnswerRequest request = new AnswerRequest(List.of(Message.system("Be brief."), Message.user("Hi")), 0.0, 7, null);

    @Test
    void canonicalJsonIsFixedSoCachedAnswersStayFindable() {
        assertThat(request.toJson()).isEqualTo(
                "{\"conversation\":[{\"role\":\"SYSTEM\",\"text\":\"Be brief.\"},{\"role\":\"USER\",\"text\":\"Hi\"}],\"temperature\":0.0,\"seed\":7}");
        assertThat(AnswerRequest.fromJson(request.toJson())).isEqualTo(request);
    }

    @Test
    void hashIsSha256OfSourceNulAndJson() {
        // computed independently: python3 hashlib.sha256(b'openai:m@http://h/v1\x00' + json).hexdigest()
        assertThat(request.hash("openai:m@http://h/v1")).isEqualTo("e9141af08708ee38f3caf50badbcc688da478f2965089e0272d3f697970fd09b");
        assertThat(request.withSeed(8).hash("openai:m@http://h/v1")).isNotEqualTo(request.hash("openai:m@http://h/v1"));
        assertThat(request.hash("openai:m2@http://h/v1")).isNotEqualTo(request.hash("openai:m@http://h/v1"));
    }

    @Test
    void lastUserTextSkipsLaterAssistantTurns() {
        AnswerRequest r = new AnswerRequest(List.of(Message.user("first"), Message.assistant("reply")), null, null, null);
        assertThat(r.lastUserText()).isEqualTo("first");
    }

    @Test
    void rejectsEmptyConversationsAndNonPositiveMaxTokens() {
        assertThatThrownBy(() -> new AnswerRequest(List.of(), null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnswerRequest.of("x").withMaxTokens(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
