/**
 * What a gesture costs the page, frame by frame, from a Chromium performance
 * trace: the main thread's work in each display frame (script, style,
 * layout and paint: its tasks, cut at the frame's edges) and the frames the
 * compositor dropped. Frames are paced by the display, so the time between
 * them says nothing of headroom; the work in each does.
 */
import type { Browser, Page } from 'playwright-core';
import { sampleOf, type Sample } from './measure.ts';

export interface FrameCost {
  /** Main-thread milliseconds in each display frame of the gesture: its 95th percentile. */
  readonly workP95: number;
  /** Frames dropped, in percent of the frames that had something new to show. */
  readonly droppedPercent: number;
  readonly frames: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string; readonly frame_reporter?: { readonly frame_sequence: number; readonly state: string } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame'];

/** Runs `gesture` under a trace and reads what each frame cost. */
export async function traceFrames(browser: Browser, page: Page, gesture: () => Promise<void>): Promise<FrameCost> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await gesture();
  const buffer = await browser.stopTracing();
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);

  // The page's main thread: the renderer main thread with the most tasks.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (pid: number, tid: number) => events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === tid);
  const main = mains.map((m) => ({ pid: m.pid, tid: m.tid, tasks: tasksOf(m.pid, m.tid) })).sort((a, b) => b.tasks.length - a.tasks.length)[0];
  if (main === undefined) throw new Error('the trace has no renderer main thread');

  // The gesture: from the first input the page handled to the last.
  const inputs = events.filter((e) => e.name === 'EventDispatch' && e.pid === main.pid && e.tid === main.tid).map((e) => e.ts);
  if (inputs.length === 0) throw new Error('the trace has no input event on the page');
  const from = Math.min(...inputs);
  const to = Math.max(...inputs);

  // Display frames: the compositor's BeginFrame ticks within the gesture.
  const ticks = events
    .filter((e) => e.name === 'BeginFrame' && e.pid === main.pid && e.ts >= from && e.ts <= to)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const work = new Array<number>(Math.max(0, ticks.length - 1)).fill(0);
  for (const task of main.tasks) {
    const start = task.ts;
    const end = task.ts + (task.dur ?? 0);
    if (end <= (ticks[0] ?? 0) || start >= (ticks[ticks.length - 1] ?? 0)) continue;
    for (let i = 0; i + 1 < ticks.length; i++) {
      const overlap = Math.min(end, ticks[i + 1]!) - Math.max(start, ticks[i]!);
      if (overlap > 0) work[i]! += overlap / 1000;
    }
  }
  work.sort((a, b) => a - b);

  // Each frame the compositor reported on (a frame may be reported more than once: dropped if any report says so).
  const states = new Map<number, Set<string>>();
  for (const e of events) {
    const report = e.name === 'PipelineReporter' && e.ph === 'b' && e.pid === main.pid && e.ts >= from && e.ts <= to ? e.args?.frame_reporter : undefined;
    if (report === undefined) continue;
    let seen = states.get(report.frame_sequence);
    if (seen === undefined) states.set(report.frame_sequence, (seen = new Set()));
    seen.add(report.state);
  }
  let shown = 0;
  let dropped = 0;
  for (const seen of states.values()) {
    if (seen.has('STATE_DROPPED')) dropped++;
    else if (seen.has('STATE_PRESENTED_ALL') || seen.has('STATE_PRESENTED_PARTIAL')) shown++;
  }
  return {
    workP95: work[Math.min(work.length - 1, Math.floor(work.length * 0.95))] ?? Number.NaN,
    droppedPercent: shown + dropped === 0 ? 0 : (100 * dropped) / (shown + dropped),
    frames: work.length
  };
}

/** Drags the canvas by its empty top right corner down and to the left, a pointer move at a time (each waits for the page to take the last, as a busy page makes a real pointer wait). */
export async function panCanvas(page: Page, moves = 60): Promise<void> {
  const box = await page.getByRole('region', { name: 'Flow canvas' }).boundingBox();
  if (box === null) throw new Error('the canvas is not on the page');
  await page.mouse.move(box.x + box.width - 30, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i < moves; i++) await page.mouse.move(box.x + box.width - 30 - i * 8, box.y + 30 + i * 4);
  await page.mouse.up();
}

/** Several traced pans: the median and range of their work per frame (p95) and of their dropped frames. */
export async function panCosts(browser: Browser, page: Page, runs = 3): Promise<{ work: Sample; dropped: Sample }> {
  const costs: FrameCost[] = [];
  for (let i = 0; i < runs; i++) {
    // Each run from the view the flow opens on, settled, so each pans over the same nodes.
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await page.waitForTimeout(500);
    costs.push(await traceFrames(browser, page, () => panCanvas(page)));
  }
  return { work: sampleOf(costs.map((c) => c.workP95)), dropped: sampleOf(costs.map((c) => c.droppedPercent)) };
}
