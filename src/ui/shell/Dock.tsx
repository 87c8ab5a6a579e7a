/**
 * The designer's workspace layout: the palette, the canvas, and a side dock
 * holding the Inspector above the tabbed panels (Problems, Simulator,
 * Traffic, and Changes or Comments when there are some). The side dock and
 * the Inspector's share of it are resized by dragging their separators or
 * with the arrow keys on them; the palette, the side dock, the Inspector and
 * the tabbed panels collapse and reopen. The layout is remembered per
 * browser (shell/layout.ts). Panels stay mounted while hidden, so a call in
 * the simulator or a traffic run goes on behind another tab.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type HTMLAttributes, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { UiIcon } from './icons.tsx';
import {
  PALETTE_RAIL,
  PALETTE_WIDTH,
  SHARE_MAX,
  SHARE_MIN,
  SIDE_MIN,
  defaultLayout,
  maxSideWidth,
  setLayout,
  useLayout
} from './layout.ts';

export interface DockPanel {
  readonly id: string;
  readonly label: string;
  /** A count shown on the tab (the errors and warnings of Problems), or nothing. */
  readonly badge?: number | undefined;
  /** Red for errors, amber otherwise. */
  readonly badgeTone?: 'error' | 'warning' | undefined;
  /** Brought to the front when it appears (Changes when a comparison starts, Comments in review mode). */
  readonly raise?: boolean;
  readonly content: ReactNode;
}

interface SeparatorProps {
  /** "vertical" splits columns (dragged sideways), "horizontal" splits rows. */
  readonly orientation: 'vertical' | 'horizontal';
  readonly label: string;
  readonly controls: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** Screen pixels the separator moves per unit of value (negative when moving it one way grows the other side). */
  readonly pixelsPerUnit: number;
  /** Value change per arrow key press; ten times that with Shift. */
  readonly step: number;
  readonly valueText: string;
  onChange(value: number): void;
  onReset(): void;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A window splitter (WAI-ARIA "separator" with a value): drag it with the
 * pointer, or focus it and use the arrow keys (Shift for larger steps), Home
 * and End; a double click puts it back where it started.
 */
export function Separator({ orientation, label, controls, value, min, max, pixelsPerUnit, step, valueText, onChange, onReset }: SeparatorProps) {
  const drag = useRef<{ pointer: number; start: number; value: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const along = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { pointer: e.pointerId, start: along(e), value };
    setDragging(true);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d === null || d.pointer !== e.pointerId) return;
    onChange(clamp(d.value + (along(e) - d.start) / pixelsPerUnit, min, max));
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    drag.current = null;
    setDragging(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const back = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    const forward = orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    // The arrow moves the separator on the screen; which way that takes the value depends on the side it sizes.
    const sign = Math.sign(pixelsPerUnit);
    const amount = step * (e.shiftKey ? 10 : 1);
    let next: number | undefined;
    if (e.key === back) next = value - sign * amount;
    else if (e.key === forward) next = value + sign * amount;
    else if (e.key === 'Home') next = min;
    else if (e.key === 'End') next = max;
    if (next === undefined) return;
    e.preventDefault();
    onChange(clamp(next, min, max));
  };
  return (
    <div
      role="separator"
      tabIndex={0}
      className={`separator separator-${orientation}${dragging ? ' is-dragging' : ''}`}
      aria-orientation={orientation}
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={Math.round(value)}
      aria-valuemin={Math.round(min)}
      aria-valuemax={Math.round(max)}
      aria-valuetext={valueText}
      title={`${label}: drag, or focus and use the arrow keys; double-click to reset`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={onKeyDown}
      onDoubleClick={onReset}
    />
  );
}

/** The size of the window and of an element, kept up to date. */
function useSizes(element: RefObject<HTMLElement | null>) {
  const [sizes, setSizes] = useState(() => ({ width: window.innerWidth, height: window.innerHeight, elementHeight: window.innerHeight }));
  useLayoutEffect(() => {
    const measure = () => {
      const height = element.current?.getBoundingClientRect().height ?? window.innerHeight;
      setSizes((s) => (s.width === window.innerWidth && s.height === window.innerHeight && s.elementHeight === height ? s : { width: window.innerWidth, height: window.innerHeight, elementHeight: height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (element.current) observer.observe(element.current);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [element]);
  return sizes;
}

interface TabsProps {
  readonly panels: readonly DockPanel[];
  readonly active: string;
  readonly open: boolean;
  readonly bodyId: string;
  /** More buttons for the head, after the collapse button. */
  readonly extra?: ReactNode;
  onSelect(id: string): void;
  onToggle(): void;
}

/** The tabbed panels: a tab list (arrow keys, Home and End move along it) and one tab panel per panel, the chosen one shown. */
function TabbedPanels({ panels, active, open, bodyId, extra, onSelect, onToggle }: TabsProps) {
  const base = useId();
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = panels.findIndex((p) => p.id === active);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (index + 1) % panels.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + panels.length) % panels.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = panels.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    const id = panels[next]!.id;
    onSelect(id);
    tabs.current.get(id)?.focus();
  };
  return (
    <>
      <div className="pane-head">
        <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKeyDown}>
          {panels.map((p) => (
            <button
              key={p.id}
              ref={(el) => {
                if (el) tabs.current.set(p.id, el);
                else tabs.current.delete(p.id);
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${p.id}`}
              aria-selected={p.id === active}
              aria-controls={`${base}-panel-${p.id}`}
              tabIndex={p.id === active ? 0 : -1}
              className="tab"
              onClick={() => onSelect(p.id)}
            >
              {p.label}
              {p.badge !== undefined && p.badge > 0 && (
                <span className={`tab-badge tab-badge-${p.badgeTone ?? 'warning'}`} aria-hidden="true">
                  {p.badge}
                </span>
              )}
            </button>
          ))}
        </div>
        <button type="button" className="pane-toggle" aria-expanded={open} aria-controls={bodyId} aria-label={open ? 'Collapse panels' : 'Expand panels'} title={open ? 'Collapse panels' : 'Expand panels'} onClick={onToggle}>
          <UiIcon name={open ? 'down' : 'up'} />
        </button>
        {extra}
      </div>
      <div className="pane-body tab-bodies" id={bodyId} hidden={!open}>
        {panels.map((p) => (
          <div key={p.id} role="tabpanel" id={`${base}-panel-${p.id}`} aria-labelledby={`${base}-tab-${p.id}`} className={`tab-panel tab-panel-${p.id}`} hidden={p.id !== active}>
            {p.content}
          </div>
        ))}
      </div>
    </>
  );
}

interface WorkspaceProps extends HTMLAttributes<HTMLElement> {
  /** The palette, when the flow can be edited. */
  readonly palette?: ReactNode;
  readonly canvas: ReactNode;
  /** The Inspector, when there is a flow to edit and nothing is compared. */
  readonly inspector?: ReactNode;
  /** The Inspector has nothing to show (no single node selected): it takes only the room its hint needs. */
  readonly inspectorIdle?: boolean;
  /** The tabbed panels, in tab order. */
  readonly panels: readonly DockPanel[];
  /** A panel to bring to the front, opening the dock: again each time `count` changes (the Simulator when a call is replayed). */
  readonly show?: { readonly id: string; readonly count: number } | undefined;
}

/** The workspace below the toolbar: palette, canvas and the side dock, laid out as remembered. */
export function Workspace({ palette, canvas, inspector, inspectorIdle = false, panels, show, className, ...rest }: WorkspaceProps) {
  const layout = useLayout((l) => l);
  const main = useRef<HTMLElement>(null);
  const [side, setSide] = useState<HTMLDivElement | null>(null);
  const view = useSizes(main);
  const [sideHeight, setSideHeight] = useState(0);
  const ids = { side: useId(), inspector: useId(), panels: useId() };

  useLayoutEffect(() => {
    if (side === null) return;
    const observer = new ResizeObserver(() => setSideHeight(side.getBoundingClientRect().height));
    observer.observe(side);
    return () => observer.disconnect();
  }, [side]);

  // The tab shown: the one chosen, or the first; a panel that asks to be seen is brought forward when it appears.
  const [raised, setRaised] = useState<string | undefined>(undefined);
  const seen = useRef(new Set<string>());
  const raiseKey = panels.filter((p) => p.raise).map((p) => p.id).join(' ');
  useEffect(() => {
    const now = new Set(raiseKey === '' ? [] : raiseKey.split(' '));
    const fresh = [...now].find((id) => !seen.current.has(id));
    seen.current = now;
    if (fresh !== undefined) {
      setRaised(fresh);
      setLayout({ side: true, panels: true });
    } else setRaised((r) => (r !== undefined && now.has(r) ? r : undefined));
  }, [raiseKey]);
  const chosen = raised ?? layout.tab;
  const active = panels.some((p) => p.id === chosen) ? chosen : panels.some((p) => p.id === layout.tab) ? layout.tab : (panels[0]?.id ?? '');
  const select = useCallback((id: string) => {
    setRaised(undefined);
    setLayout({ tab: id, panels: true, side: true });
  }, []);
  const showId = show?.id;
  const showCount = show?.count ?? 0;
  useEffect(() => {
    if (showId !== undefined && showCount > 0) select(showId);
  }, [showId, showCount, select]);

  const paletteWidth = palette === undefined ? 0 : layout.palette ? PALETTE_WIDTH : PALETTE_RAIL;
  const maxWidth = maxSideWidth(view, view.elementHeight, paletteWidth);
  const sideWidth = clamp(layout.sideWidth, SIDE_MIN, maxWidth);
  const hasSide = inspector !== undefined || panels.length > 0;
  const both = inspector !== undefined && layout.inspector && panels.length > 0 && layout.panels;
  const split = both && !inspectorIdle;
  const share = clamp(layout.inspectorShare, SHARE_MIN, SHARE_MAX);

  return (
    <main ref={main} className={className === undefined ? 'workspace' : `workspace ${className}`} {...rest}>
      {palette !== undefined && (
        <div className={layout.palette ? 'palette-column' : 'palette-column is-rail'}>
          {palette}
          <button
            type="button"
            className="palette-toggle"
            aria-expanded={layout.palette}
            aria-label={layout.palette ? 'Collapse palette' : 'Expand palette'}
            title={layout.palette ? 'Collapse palette' : 'Expand palette'}
            onClick={() => setLayout((l) => ({ palette: !l.palette }))}
          >
            <UiIcon name={layout.palette ? 'left' : 'right'} />
          </button>
        </div>
      )}
      <div className="canvas-column">{canvas}</div>
      {hasSide && layout.side && (
        <Separator
          orientation="vertical"
          label="Resize side dock"
          controls={ids.side}
          value={sideWidth}
          min={SIDE_MIN}
          max={maxWidth}
          pixelsPerUnit={-1}
          step={16}
          valueText={`${Math.round(sideWidth)} pixels wide`}
          onChange={(w) => setLayout({ sideWidth: Math.round(w) })}
          onReset={() => setLayout({ sideWidth: defaultLayout(view.width).sideWidth })}
        />
      )}
      {hasSide && (
        <div
          ref={setSide}
          id={ids.side}
          className={layout.side ? 'side-dock' : 'side-dock is-collapsed'}
          style={layout.side ? { width: sideWidth } : undefined}
        >
          {!layout.side && (
            <SideRail
              panels={panels}
              inspector={inspector !== undefined}
              onOpen={(id) => (id === 'inspector' ? setLayout({ side: true, inspector: true }) : select(id))}
            />
          )}
          <div className="side-dock-content" hidden={!layout.side}>
            {inspector !== undefined && (
              <div
                className={['dock-pane inspector-pane', layout.inspector ? '' : 'is-collapsed', both && inspectorIdle ? 'is-idle' : ''].filter(Boolean).join(' ')}
                style={split ? { flex: `0 0 ${share * 100}%` } : undefined}
              >
                <div className="pane-head">
                  <span className="pane-title">Inspector</span>
                  <button
                    type="button"
                    className="pane-toggle"
                    aria-expanded={layout.inspector}
                    aria-controls={ids.inspector}
                    aria-label={layout.inspector ? 'Collapse Inspector' : 'Expand Inspector'}
                    title={layout.inspector ? 'Collapse Inspector' : 'Expand Inspector'}
                    onClick={() => setLayout((l) => ({ inspector: !l.inspector }))}
                  >
                    <UiIcon name={layout.inspector ? 'up' : 'down'} />
                  </button>
                  <CollapseSide controls={ids.side} />
                </div>
                <div className="pane-body" id={ids.inspector} hidden={!layout.inspector}>
                  {inspector}
                </div>
              </div>
            )}
            {split && (
              <Separator
                orientation="horizontal"
                label="Resize Inspector"
                controls={ids.inspector}
                value={share * 100}
                min={SHARE_MIN * 100}
                max={SHARE_MAX * 100}
                pixelsPerUnit={Math.max(1, sideHeight) / 100}
                step={2}
                valueText={`Inspector ${Math.round(share * 100)}% of the side dock`}
                onChange={(v) => setLayout({ inspectorShare: Math.round(v * 10) / 1000 })}
                onReset={() => setLayout({ inspectorShare: defaultLayout().inspectorShare })}
              />
            )}
            {panels.length > 0 && (
              <div className={layout.panels ? 'dock-pane tabs-pane' : 'dock-pane tabs-pane is-collapsed'}>
                <TabbedPanels
                  panels={panels}
                  active={active}
                  open={layout.panels}
                  bodyId={ids.panels}
                  onSelect={select}
                  onToggle={() => setLayout((l) => ({ panels: !l.panels }))}
                  extra={inspector === undefined && <CollapseSide controls={ids.side} />}
                />
              </div>
            )}
          </div>
        </div>
      )}
    </main>
  );
}

function CollapseSide({ controls }: { controls: string }) {
  return (
    <button type="button" className="pane-toggle" aria-label="Collapse side dock" title="Collapse side dock" aria-controls={controls} aria-expanded={true} onClick={() => setLayout({ side: false })}>
      <UiIcon name="right" />
    </button>
  );
}

/** The side dock folded away: one button per panel, each opening the dock on it. */
function SideRail({ panels, inspector, onOpen }: { panels: readonly DockPanel[]; inspector: boolean; onOpen(id: string): void }) {
  const entries: readonly Pick<DockPanel, 'id' | 'label' | 'badge' | 'badgeTone'>[] = [...(inspector ? [{ id: 'inspector', label: 'Inspector' }] : []), ...panels];
  return (
    <nav className="side-rail" aria-label="Side dock">
      <button type="button" className="pane-toggle" aria-label="Expand side dock" title="Expand side dock" aria-expanded={false} onClick={() => setLayout({ side: true })}>
        <UiIcon name="left" />
      </button>
      {entries.map((p) => (
        <button key={p.id} type="button" className="rail-button" aria-label={`Open ${p.label}`} onClick={() => onOpen(p.id)}>
          <span className="rail-label">{p.label}</span>
          {p.badge !== undefined && p.badge > 0 && (
            <span className={`tab-badge tab-badge-${p.badgeTone ?? 'warning'}`} aria-hidden="true">
              {p.badge}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
