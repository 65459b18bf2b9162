/**
 * Norms and their resolution: the {@link dev.polity.norms.Constitution} read from YAML (with includes), its
 * {@link dev.polity.norms.Norm}s scoped by jurisdiction (ISO 3166 and groupings), domain and audience, the
 * {@link dev.polity.norms.Context} a question is asked in, and the {@link dev.polity.norms.Resolver} that
 * decides which norms apply there (lex superior, declared overrides, lex specialis, lex posterior) and
 * which topics are gaps. Also lint, diff and the grid of contexts lint resolves. It is the base of every
 * package that speaks of norms and uses only {@code input}.
 */
package dev.polity.norms;
