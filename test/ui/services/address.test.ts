import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowInAddress, reviewInAddress, showFlowInAddress, showReviewInAddress } from '../../../src/ui/services/address.ts';

// Just enough of a browser window: an address that replaceState changes.
let href = '';
const original = (globalThis as { window?: unknown }).window;

beforeEach(() => {
  href = 'http://localhost:4000/';
  const location = {
    get href() {
      return href;
    },
    get search() {
      return new URL(href).search;
    }
  };
  const history = {
    replaceState(_state: unknown, _title: string, url: URL | string) {
      href = String(url);
    }
  };
  (globalThis as { window?: unknown }).window = { location, history };
});

afterEach(() => {
  (globalThis as { window?: unknown }).window = original;
});

describe('the designer address', () => {
  it('names the open flow in `flow`, keeping the other parameters', () => {
    href = 'http://localhost:4000/?review=1';
    expect(flowInAddress()).toBeNull();
    showFlowInAddress('billing');
    expect(flowInAddress()).toBe('billing');
    expect(href).toBe('http://localhost:4000/?review=1&flow=billing');
    showFlowInAddress('sales');
    expect(href).toBe('http://localhost:4000/?review=1&flow=sales');
  });

  it('turns review mode on with `review=1` and off by removing it', () => {
    href = 'http://localhost:4000/?flow=billing';
    expect(reviewInAddress()).toBe(false);
    showReviewInAddress(true);
    expect(href).toBe('http://localhost:4000/?flow=billing&review=1');
    expect(reviewInAddress()).toBe(true);
    showReviewInAddress(false);
    expect(href).toBe('http://localhost:4000/?flow=billing');
    expect(reviewInAddress()).toBe(false);
  });

  it('reads review mode only from `review=1`', () => {
    href = 'http://localhost:4000/?flow=billing&review=yes';
    expect(reviewInAddress()).toBe(false);
  });
});
