/**
 * The designer's address: `?flow=<id>` names the open flow and `&review=1`
 * turns on review mode. Both are kept current with `history.replaceState`, so
 * a reload or a shared link opens the same view.
 */

/** The flow the address names, or null. */
export function flowInAddress(): string | null {
  return new URLSearchParams(window.location.search).get('flow');
}

/** Names `id` as the open flow in the address. */
export function showFlowInAddress(id: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('flow', id);
  window.history.replaceState(null, '', url);
}

/** Names no flow in the address (the open one was discarded). */
export function forgetFlowInAddress(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('flow');
  window.history.replaceState(null, '', url);
}

/** Whether the address asks for review mode. */
export function reviewInAddress(): boolean {
  return new URLSearchParams(window.location.search).get('review') === '1';
}

/** Adds `review=1` to the address, or takes it away. */
export function showReviewInAddress(on: boolean): void {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('review', '1');
  else url.searchParams.delete('review');
  window.history.replaceState(null, '', url);
}
