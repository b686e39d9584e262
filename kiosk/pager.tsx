// More matters than fit one kiosk screen (issue 14) are shown a page at a time, with large
// 上一页/下一页 buttons and the cue "第 x/y 页 · Page x of y" in both languages, so no matter hides
// in an unmarked scroll area. A page holds as many rows of tiles as fit the tile area at the
// row height its CSS gives (--tile-row), so nothing of a page is ever scrolled out of sight.
import { useEffect, useRef, useState } from 'preact/hooks';

/** How many tiles fit the grid as laid out now: its columns × the rows of --tile-row that fit. */
function capacity(el: HTMLElement): number {
  const css = getComputedStyle(el);
  const cols = Math.max(1, css.gridTemplateColumns.split(' ').filter(Boolean).length);
  const row = parseFloat(css.getPropertyValue('--tile-row')) || 220;
  const gap = parseFloat(css.rowGap) || 0;
  return cols * Math.max(1, Math.floor((el.clientHeight + gap) / (row + gap)));
}

/**
 * The items of the current page, the pager's state (page is 0-based, kept within range), and
 * the ref for the tile grid, measured whenever its size changes. `maxPerPage`: never more on a
 * page than this (elder mode shows fewer, larger tiles).
 */
export function usePages<T>(items: readonly T[], maxPerPage = Number.POSITIVE_INFINITY) {
  const ref = useRef<HTMLDivElement>(null);
  const [perPage, setPerPage] = useState(Number.POSITIVE_INFINITY);
  const [page, setPage] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setPerPage(capacity(el));
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);
  // Another cap (elder mode on or off) comes with another grid: measure it again.
  useEffect(() => {
    if (ref.current) setPerPage(capacity(ref.current));
  }, [maxPerPage]);
  // A row whose tiles need more than --tile-row grows: then a page holds one row fewer.
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollHeight > el.clientHeight + 1 && items.length > 1) {
      const cols = Math.max(1, getComputedStyle(el).gridTemplateColumns.split(' ').length);
      setPerPage((p) => Math.max(cols, Math.min(p, items.length) - cols));
    }
  });
  const size = Math.min(perPage, maxPerPage);
  const count = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, count - 1);
  const start = Number.isFinite(size) ? current * size : 0;
  return {
    ref,
    shown: Number.isFinite(size) ? items.slice(start, start + size) : items,
    page: current,
    count,
    go: (p: number) => setPage(Math.max(0, Math.min(count - 1, p))),
  };
}

export function Pager({ page, count, go }: { page: number; count: number; go: (p: number) => void }) {
  if (count < 2) return null;
  const n = page + 1;
  return (
    <nav class="pager" aria-label="分页 Pages">
      <button
        type="button"
        class="btn btn-primary"
        data-testid="page-prev"
        disabled={n < 2}
        onClick={() => go(page - 1)}
      >
        ◀ 上一页<small lang="en">Previous</small>
      </button>
      <span data-testid="page-cue" aria-live="polite">
        第 {n}/{count} 页
        <small lang="en">
          Page {n} of {count}
        </small>
      </span>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="page-next"
        disabled={n === count}
        onClick={() => go(n)}
      >
        下一页 ▶<small lang="en">Next</small>
      </button>
    </nav>
  );
}
