// Trunk post-build hook: runs in the staging directory before it becomes dist/.
//
// 1. wasm-bindgen's glue and module: the names across their boundary are shortened
//    (tools/boundary-names.mjs), and the glue is minified (Trunk minifies only what it bundles itself,
//    not this). Both files are then named after their content as served, and their Subresource
//    Integrity hashes in index.html written anew: the desk lets browsers keep a hashed file for a
//    year, so a name must never stand for two contents.
// 2. Trunk injects an inline <script type="module"> that loads the wasm. The desk's Content-Security-
//    Policy allows only same-origin scripts, so the loader moves into a content-hashed file.
// 3. The service worker precaches the app shell. Its list of files and its cache version are written
//    here, from the files actually built, so a new build always means a new cache and nothing stale.
//    The desk's bundle (desk.html, served under /desk) has no service worker of its own: skipped. The
//    worker is minified like the glue.
// 4. Compressed copies of everything served.
import { createHash } from "node:crypto";
import { minify } from "terser";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { shortenBoundaryNames } from "./boundary-names.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this from Trunk");

// "/" for the field app, "/desk/" for the desk's bundle.
const base = process.env.TRUNK_PUBLIC_URL || "/";

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

// 1. Glue and module. In any attribute order, quoted or not (Trunk's minifier sorts attributes and
//    drops quotes).
const links = [...html.matchAll(/<link\b[^>]*>/g)].map(([tag]) => ({
  tag,
  href: tag.match(/\bhref="?([^" >]+)/)?.[1],
  integrity: tag.match(/\bintegrity="?(sha384-[^" >]+)/)?.[1],
}));
const glue = links.filter(({ tag }) => /\brel="?modulepreload\b/.test(tag));
const wasm = links.filter(({ tag }) => /\btype="?application\/wasm\b/.test(tag));
if (glue.length !== 1 || wasm.length !== 1 || [...glue, ...wasm].some(({ href, integrity }) => !href || !integrity)) {
  throw new Error("index.html must preload one wasm-bindgen glue and one wasm module, each with its integrity");
}
const gluePath = join(dir, glue[0].href.slice(base.length));
const wasmPath = join(dir, wasm[0].href.slice(base.length));
const renamed = shortenBoundaryNames(wasmPath, readFileSync(gluePath, "utf8"));
// Export and import names are kept by the minifier (no property mangling): the wasm module and the
// loader look them up by name.
const { code } = await minify(renamed, { module: true, compress: true, mangle: true });
writeFileSync(gluePath, code);
// Trunk names both `<crate>-<hash>.js` and `<crate>-<hash>_bg.wasm`, hashed before the changes above.
// Its hash is a number in hex without leading zeros (sometimes 15 digits); ours always has 16, the
// form the desk recognises as a file that never changes.
const stem = glue[0].href.match(/([^/]+)\.js$/)?.[1];
if (!stem || !wasm[0].href.endsWith(`/${stem}_bg.wasm`) || !/-[0-9a-f]{1,16}$/.test(stem)) {
  throw new Error(`post-build: the glue and module are not named <crate>-<hash>(.js|_bg.wasm): ${stem}`);
}
const sri = (data) => "sha384-" + createHash("sha384").update(data).digest("base64");
const module = readFileSync(wasmPath);
const freshStem = stem.replace(/-[0-9a-f]+$/, "-" + sha256(Buffer.concat([Buffer.from(code), module])).slice(0, 16));
renameSync(gluePath, join(dir, `${freshStem}.js`));
renameSync(wasmPath, join(dir, `${freshStem}_bg.wasm`));
html = html
  .replace(glue[0].integrity, sri(code))
  .replace(wasm[0].integrity, sri(module))
  .replaceAll(stem, freshStem);

// 2. Inline loader → hashed file.
html = html.replace(/<script type="?module"?(?: nonce="?[^">]*"?)?>([\s\S]*?)<\/script>/g, (_, body) => {
  const name = `boot-${sha256(body).slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  return `<script type="module" src="${base}${name}"></script>`;
});
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error("an inline script is left in index.html");
writeFileSync(indexPath, html);

// 3. Precache list and version for the service worker.
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(dir);
const shell = files
  .map((path) => "/" + relative(dir, path).split("\\").join("/"))
  .filter((url) => url !== "/sw.js" && !url.endsWith(".br") && !url.endsWith(".gz"));
const version = sha256(shell.map((url) => url + ":" + sha256(readFileSync(join(dir, url)))).join("\n")).slice(0, 16);

const swPath = join(dir, "sw.js");
const hasWorker = files.includes(swPath);
if (hasWorker) {
  const sw = readFileSync(swPath, "utf8");
  if (!sw.includes("__SHELL_FILES__") || !sw.includes("__SHELL_VERSION__")) {
    throw new Error("sw.js has no placeholders to fill");
  }
  const filled = sw.replace('"__SHELL_FILES__"', JSON.stringify(shell)).replace("__SHELL_VERSION__", version);
  // Minified like the glue; the worker is a classic script (not a module).
  writeFileSync(swPath, (await minify(filled, { compress: true, mangle: true })).code);
  console.log(`post-build: ${shell.length} files precached, shell version ${version}`);
}

// 4. Compressed copies at the highest settings, once, at build time: the desk serves these as they
//    are (it would otherwise compress every response on the fly, at a much lower brotli quality).
for (const url of hasWorker ? [...shell, "/sw.js"] : shell) {
  if (!/\.(html|js|wasm|css|webmanifest|json|svg)$/.test(url)) continue;
  const path = join(dir, url);
  const data = readFileSync(path);
  writeFileSync(path + ".br", brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  writeFileSync(path + ".gz", gzipSync(data, { level: 9 }));
}
