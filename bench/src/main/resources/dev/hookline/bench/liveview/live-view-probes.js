// Probes the live view benchmark adds to the page before the page's own scripts (through
// DevTools' Page.addScriptToEvaluateOnNewDocument): they read the page, they change nothing in it.
(() => {
  const bench = {
    snapshots: 0,        // fetches of /api/phones: 1, unless the event stream was cut and the page reloaded the phones
    seen: {},            // watch id -> Date.now() when its tile first showed the state
    pending: new Map(),  // watch id -> { key, state }
    watch(id, key, state) {
      this.pending.set(String(id), { key, state });
    },
  };
  window.__bench = bench;

  const fetchOriginal = window.fetch.bind(window);
  window.fetch = (input, init) => {
    if (String(input).startsWith('/api/phones')) bench.snapshots++;
    return fetchOriginal(input, init);
  };

  // A mutation record is delivered right after the task that changed the tile, before it is painted.
  const check = (tile) => {
    for (const [id, wanted] of bench.pending) {
      if (tile.dataset.key === wanted.key && tile.dataset.state === wanted.state) {
        bench.seen[id] = Date.now();
        bench.pending.delete(id);
      }
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((records) => {
      if (bench.pending.size === 0) return;
      for (const record of records) {
        if (record.type === 'attributes') check(record.target);
        else for (const node of record.addedNodes) if (node.dataset) check(node);
      }
    }).observe(document.getElementById('tiles'), {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'],
    });
  });
})();
