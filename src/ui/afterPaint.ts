/**
 * Runs `task` after the next frame has been painted: a task queued from `requestAnimationFrame`
 * runs after that frame's paint. For work that reads the layout (creating a chart, scrolling a
 * tab into view) and must not force a layout before the page is first shown.
 */
export function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}
