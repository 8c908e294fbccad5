// A grid of tiles that renders only the rows in sight, so 10,000 lines cost what 100 do.
const GAP = 6;

export class VirtualGrid {
  constructor(viewport, canvas, renderTile) {
    this.viewport = viewport;
    this.canvas = canvas;
    this.renderTile = renderTile;
    this.keys = [];
    this.pool = new Map(); // key -> element in sight
    viewport.addEventListener('scroll', () => this.render());
    window.addEventListener('resize', () => this.render());
  }

  tileSize() {
    const narrow = window.innerWidth <= 600;
    const width = narrow ? Math.floor((this.viewport.clientWidth - 3 * GAP) / 2) : 176;
    return { width, height: 92 };
  }

  setKeys(keys) {
    this.keys = keys;
    this.render();
  }

  render() {
    const { width, height } = this.tileSize();
    const columns = Math.max(1, Math.floor((this.viewport.clientWidth - GAP) / (width + GAP)));
    const rows = Math.ceil(this.keys.length / columns);
    this.canvas.style.height = `${rows * (height + GAP) + GAP}px`;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / (height + GAP)) - 2);
    const last = Math.min(rows, Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / (height + GAP)) + 2);
    const wanted = new Set();
    for (let row = first; row < last; row++) {
      for (let column = 0; column < columns; column++) {
        const index = row * columns + column;
        if (index >= this.keys.length) break;
        const key = this.keys[index];
        wanted.add(key);
        let element = this.pool.get(key);
        if (!element) {
          element = document.createElement('div');
          this.pool.set(key, element);
          this.canvas.appendChild(element);
        }
        element.style.transform = `translate(${GAP + column * (width + GAP)}px, ${GAP + row * (height + GAP)}px)`;
        element.style.width = `${width}px`;
        this.renderTile(element, key);
      }
    }
    for (const [key, element] of this.pool) {
      if (!wanted.has(key)) {
        element.remove();
        this.pool.delete(key);
      }
    }
  }
}
