/**
 * The {@code dpspark} command line (picocli): {@link org.dpspark.cli.Main} and one thin {@code *Command} per job
 * ({@code ingest}, {@code export}, {@code stats}, {@code featurize}, {@code select}, {@code train}, {@code test},
 * {@code simulate}, {@code loop}, {@code import-model}, {@code export-model}, {@code schema-doc}; {@code bench} comes
 * from the bench module) that turns options and configuration into the job's settings and runs it; no physics here
 * (docs/commands.md).
 */
package org.dpspark.cli;
