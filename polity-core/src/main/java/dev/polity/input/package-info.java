/**
 * What every reader of user input shares: the located error ({@link dev.polity.input.InvalidInputException}
 * with its {@link dev.polity.input.Diagnostic}s and {@link dev.polity.input.Location}s), UTF-8 text files
 * ({@link dev.polity.input.TextFile}), YAML documents and their JSON Schemas, and the one CSV reader
 * ({@link dev.polity.input.CsvReader}, streaming, and {@link dev.polity.input.CsvTable}, the typed view).
 * It is the floor: it uses no other Polity package, and it is the only package that touches the YAML
 * and CSV libraries.
 */
package dev.polity.input;
