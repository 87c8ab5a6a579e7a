/**
 * Review comments pinned to nodes, kept beside the flow (in
 * `flows/<id>.review.json` on the server, or in this browser): the selected node's comments (or every comment
 * when none is selected), a form to add one, and resolve / reopen.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { openCommentsByNode, type ReviewComment } from '../../core/review/index.ts';
import { displayName, type FlowNode } from '../../core/model/index.ts';
import type { FlowStore } from '../services/store.ts';

const AUTHOR_KEY = 'zeroout.reviewer';

interface Props {
  /** Where the flow and its comments live. */
  readonly store: FlowStore;
  readonly flowId: string;
  readonly nodes: readonly FlowNode[];
  /** The node comments are shown and added for; undefined shows every comment. */
  readonly node: string | undefined;
  /** Told the open comments per node whenever they change. */
  onCounts(counts: ReadonlyMap<string, number>): void;
  /** Shows a comment's node on the canvas. */
  onShowNode(id: string): void;
}

export function CommentsPanel({ store, flowId, nodes, node, onCounts, onShowNode }: Props) {
  const [comments, setComments] = useState<readonly ReviewComment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [author, setAuthor] = useState(() => localStorage.getItem(AUTHOR_KEY) ?? '');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const authorId = useId();
  const textId = useId();
  const names = new Map(nodes.map((n) => [n.id, displayName(n)]));

  const show = useCallback(
    (list: readonly ReviewComment[]) => {
      setComments(list);
      onCounts(openCommentsByNode({ version: 1, flow: flowId, comments: [...list] }));
    },
    [flowId, onCounts]
  );

  useEffect(() => {
    let live = true;
    setComments(null);
    store.loadReview(flowId).then(
      (review) => {
        if (live) show(review.comments);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    );
    return () => {
      live = false;
    };
  }, [store, flowId, show]);

  const shown = comments === null ? [] : node === undefined ? comments : comments.filter((c) => c.node === node);
  const where = node === undefined ? 'this flow' : (names.get(node) ?? node);

  const submit = async () => {
    if (node === undefined || author.trim() === '' || text.trim() === '' || comments === null) return;
    setBusy(true);
    try {
      const added = await store.addComment(flowId, { node, author: author.trim(), text });
      localStorage.setItem(AUTHOR_KEY, author.trim());
      show([...comments, added]);
      setText('');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (comment: ReviewComment) => {
    if (comments === null) return;
    try {
      const changed = await store.resolveComment(flowId, comment.id, !comment.resolved, author.trim() === '' ? undefined : author.trim());
      show(comments.map((c) => (c.id === changed.id ? changed : c)));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <aside className="inspector comments-panel" aria-label="Comments">
      <h2>Comments on {where}</h2>
      {error !== null && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      {comments === null && error === null && <p className="muted">Loading comments…</p>}
      {comments !== null && shown.length === 0 && <p className="muted">No comments {node === undefined ? 'yet' : 'on this node yet'}.</p>}
      <ul aria-label="Review comments">
        {shown.map((c) => (
          <li key={c.id}>
            <article className={c.resolved ? 'resolved' : undefined} aria-label={`Comment by ${c.author}`}>
              <header>
                <strong>{c.author}</strong>{' '}
                <time dateTime={c.created}>{new Date(c.created).toLocaleString()}</time>
                {node === undefined && (
                  <>
                    {' on '}
                    <button type="button" className="link" onClick={() => onShowNode(c.node)}>
                      {names.get(c.node) ?? c.node}
                    </button>
                  </>
                )}
              </header>
              <p>{c.text}</p>
              <footer>
                {c.resolved ? <span>Resolved{c.resolvedBy ? ` by ${c.resolvedBy}` : ''}</span> : <span>Open</span>}{' '}
                <button type="button" className="small" onClick={() => void toggle(c)}>
                  {c.resolved ? 'Reopen' : 'Resolve'}
                </button>
              </footer>
            </article>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={authorId}>Your name</label>
        <input id={authorId} type="text" value={author} maxLength={80} onChange={(e) => setAuthor(e.target.value)} />
        <label htmlFor={textId}>Comment</label>
        <textarea id={textId} value={text} maxLength={4000} disabled={node === undefined} placeholder={node === undefined ? 'Select a node to comment on it.' : ''} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary" disabled={busy || node === undefined || author.trim() === '' || text.trim() === '' || comments === null}>
          Add comment
        </button>
      </form>
    </aside>
  );
}
