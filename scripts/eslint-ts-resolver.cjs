/**
 * An import resolver (eslint-module-utils interface v2) for eslint-plugin-boundaries that resolves
 * exactly as the TypeScript compiler does with this repository's tsconfig.json: the `~/` alias,
 * extensionless paths, index files, and packages (to their files in node_modules, so the plugin
 * sees them as external). No dependency beyond TypeScript itself.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require("node:path");
const ts = require("typescript");

const cache = new Map();

function compilerOptions(project) {
  let entry = cache.get(project);
  if (!entry) {
    const read = ts.readConfigFile(project, ts.sys.readFile);
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(project));
    entry = { options: parsed.options, resolution: ts.createModuleResolutionCache(path.dirname(project), (f) => f, parsed.options) };
    cache.set(project, entry);
  }
  return entry;
}

exports.interfaceVersion = 2;

/** `config.project`: the tsconfig.json to resolve with (default: the one in the current directory). */
exports.resolve = function resolve(source, file, config) {
  const project = path.resolve((config && config.project) || "tsconfig.json");
  const { options, resolution } = compilerOptions(project);
  const resolved = ts.resolveModuleName(source, file, options, ts.sys, resolution).resolvedModule;
  if (!resolved) return { found: false };
  return { found: true, path: path.resolve(resolved.resolvedFileName) };
};
