package dev.polity.server.app;

import dev.polity.report.Html;
import gg.jte.support.LocalizationSupport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * Every participant-facing string, from the message bundles {@code messages*.properties} (UTF-8): English, the
 * base, German and French. Templates write {@code ${t.localize("key")}}; a bundle's text is plain text (escaped
 * here), and jte escapes the parameters.
 */
public final class Messages implements LocalizationSupport {
    /** The languages offered, in the order the page lists them. */
    public static final List<String> LANGUAGES = List.of("en", "de", "fr");
    static final String BUNDLE = "dev.polity.server.app.messages";
    private static final Map<String, Messages> BY_LANGUAGE = new TreeMap<>();

    static {
        for (String lang : LANGUAGES) {
            Locale locale = Locale.forLanguageTag(lang);
            BY_LANGUAGE.put(lang, new Messages(lang, ResourceBundle.getBundle(BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))));
        }
    }

    private final String language;
    private final ResourceBundle bundle;

    private Messages(String language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    /** The messages of a language this app speaks (English otherwise). */
    public static Messages of(String language) {
        return BY_LANGUAGE.getOrDefault(language, BY_LANGUAGE.get("en"));
    }

    public String language() {
        return language;
    }

    @Override
    public String lookup(String key) {
        try {
            return Html.escape(bundle.getString(key));
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message '" + key + "' in " + BUNDLE + " (" + language + ")", e);
        }
    }

    /** The text of a key with its parameters filled in, unescaped: for places that escape themselves (SVG titles). */
    public String plain(String key, Object... params) {
        String s = bundle.getString(key);
        for (int i = 0; i < params.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(params[i]));
        }
        return s;
    }

    /**
     * The language for a request: the one chosen on the page, else the first of Accept-Language (RFC 9110
     * 12.5.4, by quality) that this app speaks, else English.
     */
    public static String pick(String chosen, String acceptLanguage) {
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return chosen;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = r.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (r.getWeight() > 0 && LANGUAGES.contains(primary)) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return "en";
            }
        }
        return "en";
    }
}
