package dev.polity.server.app;

import java.util.List;

/**
 * What every page's layout needs: the messages in the reader's language, the title, the session's CSRF token
 * for its forms, and whether an operator is signed in.
 */
public record Page(Messages t, String title, String csrf, boolean operator) {
    public String lang() {
        return t.language();
    }

    public List<String> languages() {
        return Messages.LANGUAGES;
    }
}
