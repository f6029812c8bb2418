/**
 * H.264 Annex B framing (ITU-T H.264 §7.3.1, Annex B): splitting a byte stream at start codes, and the emulation
 * prevention that keeps 00 00 0x out of a NAL unit's payload. Only what synthesised pieces need (hold.ts).
 */

/** NAL unit types used here (H.264 Table 7-1). */
export const NAL = { slice: 1, idr: 5, sei: 6, sps: 7, pps: 8, aud: 9 } as const;

export function nalType(nal: Uint8Array): number {
  return nal[0]! & 0x1f;
}

export function nalRefIdc(nal: Uint8Array): number {
  return (nal[0]! >> 5) & 0x3;
}

/** The NAL units of an Annex B stream, without their start codes (trailing zero bytes belong to no unit). */
export function splitAnnexB(stream: Uint8Array): Uint8Array[] {
  const starts: { at: number; payload: number }[] = [];
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      starts.push({ at: i > 0 && stream[i - 1] === 0 ? i - 1 : i, payload: i + 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1]!.at : stream.length;
    while (end > s.payload && stream[end - 1] === 0) end--;
    return stream.subarray(s.payload, end);
  });
}

/** Removes emulation prevention bytes (00 00 03 → 00 00): the raw bits the syntax is written in. */
export function toRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let n = 0;
  let zeros = 0;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

/** Inserts emulation prevention bytes so no 00 00 00/01/02/03 appears inside the unit. */
export function toNal(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}
