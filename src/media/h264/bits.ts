/** MSB-first bit reading over an RBSP, with the Exp-Golomb codes H.264 headers use (§9.1). */
export class BitReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits read so far. */
  get position(): number {
    return this.pos;
  }

  bit(): number {
    const byte = this.bytes[this.pos >> 3];
    if (byte === undefined) throw new RangeError('H.264 header ends early');
    const b = (byte >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return b;
  }

  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.bit();
    return v;
  }

  flag(): boolean {
    return this.bit() === 1;
  }

  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new RangeError('H.264 Exp-Golomb code is too long');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -k / 2;
  }

  skip(n: number): void {
    this.pos += n;
  }
}

/** Writes `value` into `n` bits starting at bit `at` of `bytes` (in place; the field keeps its width). */
export function putBits(bytes: Uint8Array, at: number, n: number, value: number): void {
  for (let i = 0; i < n; i++) {
    const bit = Math.floor(value / 2 ** (n - 1 - i)) & 1;
    const p = at + i;
    const mask = 1 << (7 - (p & 7));
    bytes[p >> 3] = bit ? bytes[p >> 3]! | mask : bytes[p >> 3]! & ~mask;
  }
}
