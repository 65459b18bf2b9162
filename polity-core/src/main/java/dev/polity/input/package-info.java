/**
 * What every reader of user input shares: the located error ({@link dev.polity.input.InvalidInputException}
 * with its {@link dev.polity.input.Diagnostic}s and {@link dev.polity.input.Location}s), UTF-8 text files
 * ({@link dev.polity.input.TextFile}), YAML documents and their JSON Schemas, the one CSV reader
 * ({@link dev.polity.input.CsvReader}, streaming, and {@link dev.polity.input.CsvTable}, the typed view) and the one CSV
 * writer ({@link dev.polity.input.CsvWriter}), how
 * the plugins an input file names describe themselves ({@link dev.polity.input.PluginInfo},
 * {@link dev.polity.input.PluginRegistry}), and where Polity keeps its cache
 * ({@link dev.polity.input.CacheFolder}). It is the floor: it uses no other Polity package, and it is the
 * only package that touches the YAML and CSV libraries.
 */
package dev.polity.input;
