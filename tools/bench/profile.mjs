// Summaries of Chromium CPU profiles (.cpuprofile, as CDP Profiler.stop
// returns them): self time by crate (for a wasm with a name section) or kind
// of work, by function, and the app's own functions including callees.
//
// Also main-thread time by trace event of a Chromium trace (.json).
//
//   node tools/bench/profile.mjs FILE.cpuprofile|TRACE.json...

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Self time and (for Rust and other named code) inclusive time by function. */
export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const where = f.url ? path.basename(new URL(f.url, 'http://x/').pathname) : '';
    const fn = (f.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
    return `${fn}${where ? ` [${where}]` : ''}`;
  };
  const self = new Map();
  const inclusive = new Map();
  const crates = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const ms = (dt[i + 1] ?? 0) / 1000;
    const key = name(byId.get(id));
    self.set(key, (self.get(key) ?? 0) + ms);
    const c = category(byId.get(id).callFrame);
    crates.set(c, (crates.get(c) ?? 0) + ms);
    const seen = new Set();
    for (let n = id; n != null; n = parent.get(n)) {
      const k = name(byId.get(n));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (m, filter = () => true) =>
    [...m.entries()]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, ms]) => ({ name: k, ms, share: ms / total }));
  return {
    sampled_ms: total,
    self: top(self),
    // Self time by Rust crate (wasm with a name section) or by kind of work.
    by_crate: top(crates),
    // The app's own functions, by time including callees.
    inclusive_app: top(inclusive, (k) => /^<?llr_dashboard::/.test(k)),
  };
}

/** Which crate a wasm function belongs to, or what kind of work a frame is. */
function category(f) {
  const url = f.url ?? '';
  const fn = f.functionName ?? '';
  if (!url) return fn.startsWith('(') ? fn : 'browser built-ins (DOM, layout, canvas, fetch)';
  if (url.endsWith('.wasm')) {
    if (/^(js-to-wasm|wasm-to-js)/.test(fn)) return 'wasm <-> JS calls';
    const m = fn.match(/([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
    return m ? `wasm: ${m[1]}` : 'wasm: other (memcpy, memcmp, ...)';
  }
  if (url.endsWith('.js') && /\/[^/]*-[0-9a-f]{16}\.js$/.test(url)) return 'JS glue (wasm-bindgen imports, DOM calls)';
  return 'other JS';
}


export function printProfile(p, indent = '  ') {
  const line = (f) => `${indent}${f.ms.toFixed(0).padStart(7)} ms ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.name.slice(0, 150)}`;
  console.log(`${indent}${p.sampled_ms.toFixed(0)} ms sampled; self time by crate or kind of work:`);
  for (const f of p.by_crate.slice(0, 10)) console.log(line(f));
  console.log(`${indent}top self time by function:`);
  for (const f of p.self.slice(0, 8)) console.log(line(f));
  if (p.inclusive_app.length) console.log(`${indent}the app's functions, time including callees:`);
  for (const f of p.inclusive_app.slice(0, 10)) console.log(line(f));
}

/**
 * Main-thread self time by trace event name, over the renderer main thread
 * of the page (the thread with the most devtools.timeline work): nested
 * events are subtracted from their parents, so the figures add up.
 */
export function summariseTrace(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X' && typeof e.dur === 'number');
  const perThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!perThread.has(key)) perThread.set(key, []);
    perThread.get(key).push(e);
  }
  const names = (trace.traceEvents ?? trace).filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const isMain = (key) => names.some((n) => `${n.pid}:${n.tid}` === key && n.args?.name === 'CrRendererMain');
  let main = null;
  let most = -1;
  for (const [key, list] of perThread) {
    if (!isMain(key)) continue;
    const busy = list.filter((e) => e.name === 'RunTask').reduce((t, e) => t + e.dur, 0);
    if (busy > most) [main, most] = [key, busy];
  }
  if (!main) return { main_thread_ms: 0, events: [] };
  const list = perThread.get(main).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of list) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    main_thread_ms: total / 1000,
    events: [...self.entries()]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total })),
  };
}

export function printTrace(t, indent = '  ') {
  console.log(`${indent}${t.main_thread_ms.toFixed(0)} ms busy on the main thread; self time by trace event:`);
  for (const e of t.events.slice(0, 10)) {
    console.log(`${indent}${e.ms.toFixed(0).padStart(7)} ms ${(100 * e.share).toFixed(1).padStart(5)}%  ${e.name}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    console.log(file);
    const data = JSON.parse(await readFile(file, 'utf8'));
    if (data.nodes) printProfile(summariseProfile(data));
    else printTrace(summariseTrace(data));
  }
}
