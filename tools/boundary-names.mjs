// Short names across the wasm/JS boundary, for tools/post-build.mjs.
//
// wasm-bindgen names every import after its Rust path plus a 16-digit hash
// (`__wbg_readyState_b4dcdb879aa432f4`), and writes every name twice: in the wasm's import section and
// as a key of the glue's import object. The hashes do not compress: about 250 of them cost some 5.6 KB
// of the field bundle as served (brotli). Binaryen's pass, the one Emscripten uses for the same reason,
// gives every import, export and import module a short name and prints the mapping; the glue is then
// rewritten by that mapping. Each rewrite must match where wasm-bindgen writes the name (an import
// exactly once, as an object key; an export as `wasm.name`), or the build stops: a name left behind
// would fail only when the app runs.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Rewrites the wasm at `wasmPath` in place and returns `glue` (wasm-bindgen's JS, not yet minified)
 *  rewritten to match it. */
export function shortenBoundaryNames(wasmPath, glue) {
  const renames = JSON.parse(
    execFileSync("wasm-opt", [wasmPath, "--minify-imports-and-exports-and-modules", "-o", wasmPath], {
      encoding: "utf8",
    }),
  );
  const modules = new Set(renames.imports.map(([module]) => module));
  const imported = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath)));
  const minifiedModules = new Set(imported.map(({ module }) => module));
  if (modules.size !== 1 || minifiedModules.size !== 1) {
    throw new Error("boundary names: the wasm must import from one module");
  }

  let js = glue;
  const rewrite = (pattern, to, { once }) => {
    const hits = js.match(new RegExp(pattern, "g"))?.length ?? 0;
    if (hits === 0 || (once && hits !== 1)) throw new Error(`boundary names: ${pattern} is in the glue ${hits} times`);
    js = js.replace(new RegExp(pattern, "g"), () => to);
  };
  for (const [, from, to] of renames.imports) rewrite(`\\b${escape(from)}:`, `${JSON.stringify(to)}:`, { once: true });
  const [[module], [minified]] = [[...modules], [...minifiedModules]];
  rewrite(`${escape(JSON.stringify(module))}:`, `${JSON.stringify(minified)}:`, { once: true });
  for (const [from, to] of renames.exports) {
    // An export the glue never names (the module's own start function) has nothing to rewrite.
    const use = `\\bwasm\\.${escape(from)}\\b`;
    if (new RegExp(use).test(js)) rewrite(use, `wasm.${to}`, { once: false });
  }
  return js;
}
