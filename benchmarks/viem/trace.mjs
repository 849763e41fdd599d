// Optional (--trace-rpc): counts JSON-RPC methods sent through fetch, to compare round trips per transaction
// between implementations. Adds a JSON parse per request, so traced runs are not the timed figures.
export function traceFetch() {
  const counts = {};
  const orig = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    try {
      const body = JSON.parse(init?.body ?? 'null');
      for (const m of [body].flat()) if (m?.method) counts[m.method] = (counts[m.method] ?? 0) + 1;
    } catch { /* not JSON-RPC */ }
    return orig(url, init);
  };
  return {
    reset: () => { for (const k of Object.keys(counts)) delete counts[k]; },
    snapshot: () => ({ ...counts }),
  };
}
