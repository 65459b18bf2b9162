package dev.polity.server.dashboard;

import dev.polity.norms.Resolution;
import java.util.List;

/**
 * The applicable-norms view of the constitution in force: the context asked about (as typed), and what the
 * resolver answered (null before the form is sent, or when the context was refused with {@code error}).
 */
public record NormsView(String version, String jurisdiction, String domain, String audience, String date, List<String> domains,
                        List<String> audiences, Resolution resolution, String error) {
}
