/**
 * Deterministic action Identifiers: a name-based (version 5 style) UUID from
 * SHA-1 of the flow id and the node id, so the same design exports the same
 * Identifiers every time.
 *
 * Every Identifier of one flow starts from the same bytes (the namespace and
 * the flow id): those are hashed once and the hash carried on from there, so
 * an Identifier costs the length of its node id, never the flow id's (a flow
 * id of a megabyte once made an export of 18 nodes take seconds).
 */

/** The UTF-8 bytes of a text (a lone surrogate as its own three bytes, as code points are). */
function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 3);
  let n = 0;
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c < 0x80) bytes[n++] = c;
    else if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    } else {
      bytes[n++] = 0xf0 | (c >> 18);
      bytes[n++] = 0x80 | ((c >> 12) & 63);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return bytes.subarray(0, n);
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** SHA-1 (FIPS 180-4) fed in pieces: a hash of a common beginning can be copied and carried on. */
class Sha1 {
  private readonly h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  private readonly block = new Uint8Array(64);
  private filled = 0;
  /** Bytes hashed so far. */
  private length = 0;

  copy(): Sha1 {
    const other = new Sha1();
    other.h.splice(0, 5, ...this.h);
    other.block.set(this.block);
    other.filled = this.filled;
    other.length = this.length;
    return other;
  }

  update(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) {
      this.block[this.filled++] = bytes[i]!;
      if (this.filled === 64) {
        this.compress();
        this.filled = 0;
      }
    }
    this.length += bytes.length;
    return this;
  }

  /** The 20 bytes of the hash; the hash is not to be fed after. */
  digest(): number[] {
    const bits = this.length * 8;
    const tail = [0x80];
    while ((this.filled + tail.length) % 64 !== 56) tail.push(0);
    const high = Math.floor(bits / 0x100000000);
    for (const word of [high, bits >>> 0]) tail.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
    this.update(tail);
    const out: number[] = [];
    for (const h of this.h) out.push((h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255);
    return out;
  }

  private compress(): void {
    const w = new Array<number>(80);
    const b = this.block;
    for (let i = 0; i < 16; i++) w[i] = (b[i * 4]! << 24) | (b[i * 4 + 1]! << 16) | (b[i * 4 + 2]! << 8) | b[i * 4 + 3]!;
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    const h = this.h;
    let a = h[0]!, bb = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) { f = (bb & c) | (~bb & d); k = 0x5a827999; }
      else if (i < 40) { f = bb ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (bb & c) | (bb & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = bb ^ c ^ d; k = 0xca62c1d6; }
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      e = d; d = c; c = rotl(bb, 30); bb = a; a = t;
    }
    h[0] = (h[0]! + a) | 0; h[1] = (h[1]! + bb) | 0; h[2] = (h[2]! + c) | 0; h[3] = (h[3]! + d) | 0; h[4] = (h[4]! + e) | 0;
  }
}

/** SHA-1 of a byte list (FIPS 180-4), as 20 bytes. */
export function sha1(input: readonly number[]): number[] {
  return new Sha1().update(input).digest();
}

/** The namespace of Zero Out's action Identifiers (itself a random UUID). */
const NAMESPACE = '3b1f6a52-9c4e-4d2a-8f0e-7a6c5d4b3e21';

const namespaceBytes = (namespace: string): number[] => namespace.replace(/-/g, '').match(/../g)!.map((h) => parseInt(h, 16));

/** A hash's first 16 bytes as a version 5 UUID (RFC 4122 §4.3). */
function asUuid(digest: readonly number[]): string {
  const hash = digest.slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A version 5 UUID for `name` in `namespace` (RFC 4122 §4.3). */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  return asUuid(new Sha1().update(namespaceBytes(namespace)).update(utf8(name)).digest());
}

/** The hash of the namespace, a flow id and the separator after it, for the last few flow ids asked about. */
const prefixes = new Map<string, Sha1>();

/** The Identifier of a native node's action (or of one of its helper actions). */
export function actionIdentifier(flowId: string, nodeId: string, part?: string): string {
  // The same as uuidV5(`${flowId}\u0000${nodeId}` or `…\u0000${part}`), the flow id's part hashed once.
  let prefix = prefixes.get(flowId);
  if (prefix === undefined) {
    if (prefixes.size >= 8) prefixes.clear();
    prefix = new Sha1().update(namespaceBytes(NAMESPACE)).update(utf8(flowId)).update([0]);
    prefixes.set(flowId, prefix);
  }
  const hash = prefix.copy().update(utf8(nodeId));
  if (part !== undefined) hash.update([0]).update(utf8(part));
  return asUuid(hash.digest());
}
