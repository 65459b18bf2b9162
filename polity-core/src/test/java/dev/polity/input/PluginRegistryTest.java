package dev.polity.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
    static final PluginInfo.Parameter TAGS = new PluginInfo.Parameter("tags", "a list of tags", null, "only cases with these tags");

    static PluginInfo info(String name, String... params) {
        return new PluginInfo(name, "does " + name, "a paper", List.of(params).stream()
                .map(p -> new PluginInfo.Parameter(p, "a text", null, "sets " + p)).toList());
    }

    final PluginRegistry<String> registry = new PluginRegistry<>("probe", List.of(TAGS), List.of(
            PluginRegistry.entry(info("zeta", "wrappers", "challenge"), "made zeta"),
            PluginRegistry.entry(info("alpha"), "made alpha")));

    @Test
    void namesAndDescriptionsKeepTheOrderOfRegistration() {
        assertThat(registry.names()).containsExactly("zeta", "alpha");
        assertThat(registry.infos()).extracting(PluginInfo::description).containsExactly("does zeta", "does alpha");
        assertThat(registry.find("alpha")).map(PluginRegistry.Entry::make).contains("made alpha");
        assertThat(registry.find("beta")).isEmpty();
        assertThat(registry.unknownName("beta")).isEqualTo("unknown probe 'beta'; expected one of zeta, alpha");
    }

    @Test
    void unknownParametersAreThoseNeitherThePluginNorEveryPluginOfItsKindReads() {
        assertThat(registry.unknownParameters("zeta", List.of("tags", "challenge", "wrapers", "Tags"))).containsExactly(
                "unknown parameter 'Tags'; expected one of challenge, tags, wrappers",
                "unknown parameter 'wrapers'; expected one of challenge, tags, wrappers");
        assertThat(registry.unknownParameters("alpha", List.of("tags"))).isEmpty();
        assertThat(registry.unknownParameters("alpha", List.of("challenge"))).containsExactly("unknown parameter 'challenge'; expected one of tags");
    }

    @Test
    void aNameRegisteredTwiceIsRefused() {
        assertThatThrownBy(() -> new PluginRegistry<>("detector", List.of(), List.of(
                PluginRegistry.entry(info("rules"), 1), PluginRegistry.entry(info("rules"), 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detector 'rules' is registered twice");
    }
}
