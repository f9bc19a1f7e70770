// Trunk post-build hook: runs in the staging directory before it becomes dist/.
//
// 1. Trunk injects an inline <script type="module"> that loads the wasm. The desk's Content-Security-
//    Policy allows only same-origin scripts, so the loader moves into a content-hashed file.
// 2. The service worker precaches the app shell. Its list of files and its cache version are written
//    here, from the files actually built, so a new build always means a new cache and nothing stale.
//    The desk's bundle (desk.html, served under /desk) has no service worker of its own: skipped.
// 3. wasm-bindgen's JS glue is minified (Trunk minifies only what it bundles itself, not this), and
//    its Subresource Integrity hash in index.html is written anew for the minified file; the service
//    worker is minified too, below.
// 4. Compressed copies of everything served.
import { createHash } from "node:crypto";
import { minify } from "terser";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this from Trunk");

// "/" for the field app, "/desk/" for the desk's bundle.
const base = process.env.TRUNK_PUBLIC_URL || "/";

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

// 1. Inline loader → hashed file.
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
// Attribute quotes are optional: Trunk's release minifier drops them.
html = html.replace(/<script type="?module"?(?: nonce="?[^">]*"?)?>([\s\S]*?)<\/script>/g, (_, body) => {
  const name = `boot-${sha256(body).slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  return `<script type="module" src="${base}${name}"></script>`;
});
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error("an inline script is left in index.html");

// 3. Minified glue (before the precache version below, which hashes the files as served). Export and
//    import names are kept (no property mangling): the wasm module and the loader look them up by name.
// In any attribute order, quoted or not (the minifier sorts attributes and drops quotes).
const preloads = [...html.matchAll(/<link\b[^>]*>/g)]
  .map(([tag]) => tag)
  .filter((tag) => /\brel="?modulepreload\b/.test(tag))
  .map((tag) => [tag.match(/\bhref="?([^" >]+)/)?.[1], tag.match(/\bintegrity="?(sha384-[^" >]+)/)?.[1]]);
if (preloads.length === 0 || preloads.some(([href, integrity]) => !href || !integrity)) {
  throw new Error("no modulepreload of the wasm-bindgen glue, with its integrity, in index.html");
}
for (const [href, integrity] of preloads) {
  const path = join(dir, href.slice(base.length));
  const { code } = await minify(readFileSync(path, "utf8"), { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  const fresh = "sha384-" + createHash("sha384").update(code).digest("base64");
  html = html.replace(integrity, fresh);
}
writeFileSync(indexPath, html);

// 2. Precache list and version for the service worker.
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
