// tsc in this process: a tsconfig's errors as `tsc -p FILE --pretty false` prints them. A test that checks one
// change after another (or one project in several settings) pays for what each check touches, not for a whole tsc
// run each time: the files it parsed (the libs and @types/node above all) are kept while their text stays the same,
// and the last check of each tsconfig tells the next which files need checking again.

import { createHash } from "node:crypto";
import { dirname } from "node:path";
import ts from "typescript";

const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
const checked = new Map<string, ts.SemanticDiagnosticsBuilderProgram>();

function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (path, languageVersion) => {
    const text = ts.sys.readFile(path);
    if (text === undefined) return undefined;
    const key = `${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}:${path}`;
    const known = parsed.get(key);
    if (known?.text === text) return known.file;
    const file = ts.createSourceFile(path, text, languageVersion);
    // The builder tells a changed file by its version.
    (file as { version?: string }).version = createHash("sha256").update(text).digest("hex");
    parsed.set(key, { text, file });
    return file;
  };
  return host;
}

/** The errors of the project `configPath` describes, paths relative to its folder; "" when none. */
export function typecheckProject(configPath: string): string {
  const problems: ts.Diagnostic[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(diagnostic),
    },
  );
  const format = (diagnostics: readonly ts.Diagnostic[]) =>
    ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => dirname(configPath),
      getNewLine: () => "\n",
    });
  if (!config) return format(problems);
  const program = ts.createSemanticDiagnosticsBuilderProgram(
    config.fileNames,
    config.options,
    cachingHost(config.options),
    checked.get(configPath),
  );
  checked.set(configPath, program);
  return format([
    ...config.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
    ...(config.options.declaration ? program.getDeclarationDiagnostics() : []),
  ]);
}
