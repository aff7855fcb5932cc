import fc from 'fast-check';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { PathRandom, pathRandom, splitMix64Output } from '../../../src/engine/montecarlo/rng';

const MASK_64 = (1n << 64n) - 1n;

/** SplitMix64 written directly from the published algorithm, in BigInt. */
function splitMix64Reference(seed: bigint, k: number): bigint {
  let z = (seed + BigInt(k + 1) * 0x9e3779b97f4a7c15n) & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

const asBigInt = (word: { high: number; low: number }) =>
  (BigInt(word.high) << 32n) | BigInt(word.low);

/** xoroshiro128+ (24, 16, 37) from Blackman & Vigna's reference, in BigInt. */
function xoroshiro128PlusReference(s0: bigint, s1: bigint, count: number): bigint[] {
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK_64;
  const out: bigint[] = [];
  for (let i = 0; i < count; i += 1) {
    out.push((s0 + s1) & MASK_64);
    s1 ^= s0;
    s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & MASK_64);
    s1 = rotl(s1, 37n);
  }
  return out;
}

describe('random streams', () => {
  it('SplitMix64 gives the published reference outputs (Rosetta Code, seed 1234567)', () => {
    expect([0, 1, 2, 3, 4].map((k) => asBigInt(splitMix64Output(1234567, k)))).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
    expect(asBigInt(splitMix64Output(0, 0))).toBe(0xe220a8397b1dcdafn);
  });

  it('SplitMix64 in 32-bit halves equals the BigInt algorithm for any seed and counter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 4_000_000 }),
        (seed, k) => {
          expect(asBigInt(splitMix64Output(seed, k))).toBe(splitMix64Reference(BigInt(seed), k));
        },
      ),
      { numRuns: 500, seed: 1 },
    );
  });

  it('pure-rand xoroshiro128plus returns the low 32 bits of the reference xoroshiro128+', () => {
    const s0 = asBigInt(splitMix64Output(42, 0));
    const s1 = asBigInt(splitMix64Output(42, 1));
    const split = (x: bigint) => [Number(x >> 32n) | 0, Number(x & 0xffffffffn) | 0];
    const generator = xoroshiro128plusFromState([...split(s0), ...split(s1)]);
    const expected = xoroshiro128PlusReference(s0, s1, 20).map((x) => Number(x & 0xffffffffn));
    expect(Array.from({ length: 20 }, () => generator.next() >>> 0)).toEqual(expected);
  });

  it('golden sequence: seed 42, path 0 (and path 999,999) never changes', () => {
    const uniforms = pathRandom(42, 0);
    // The @example of PathRandom.
    expect(Array.from({ length: 6 }, () => uniforms.uniform())).toEqual([
      0.884069414773014, 0.4568489335531415, 0.3752516519554183, 0.3606757108435833,
      0.7461479883700859, 0.6185568019058021,
    ]);
    const normals = pathRandom(42, 0);
    expect(Array.from({ length: 8 }, () => normals.normal())).toEqual([
      0.4752333636805639, -0.3153746952049165, -0.0994172836461426, 0.9232460372836158,
      -0.3751439322494875, -1.0413862583200173, -2.104238551944927, -0.6915633735855111,
    ]);
    const far = pathRandom(42, 999_999);
    expect(Array.from({ length: 4 }, () => far.normal())).toEqual([
      -0.049716897100708084, -0.6271409284135443, -1.0467535922591782, -1.3834560761210335,
    ]);
  });

  it('a path stream depends only on (seed, path): paths differ, re-created streams repeat', () => {
    const first = (seed: number, path: number) => pathRandom(seed, path).normal();
    expect(first(42, 7)).toBe(first(42, 7));
    expect(first(42, 7)).not.toBe(first(42, 8));
    expect(first(42, 7)).not.toBe(first(43, 7));
  });

  it('uniforms lie in [0, 1) and are multiples of 2^−53', () => {
    const random = new PathRandom([1, 2, 3, 4]);
    for (let i = 0; i < 10_000; i += 1) {
      const u = random.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number.isInteger(u * 2 ** 53)).toBe(true);
    }
  });

  it('normals have mean 0, variance 1, no skew and kurtosis 3 (within 4 standard errors)', () => {
    const n = 200_000;
    const random = pathRandom(7, 0);
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i += 1) {
      const z = random.normal();
      s1 += z;
      s2 += z * z;
      s3 += z ** 3;
      s4 += z ** 4;
    }
    // Standard errors of the sample moments of N(0, 1): √(1/n), √(2/n), √(15/n), √(96/n).
    expect(Math.abs(s1 / n)).toBeLessThan(4 * Math.sqrt(1 / n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(s3 / n)).toBeLessThan(4 * Math.sqrt(15 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it('consecutive paths are uncorrelated (first normals of 20,000 paths, lag-1 correlation)', () => {
    const n = 20_000;
    const z = Array.from({ length: n }, (_, path) => pathRandom(42, path).normal());
    let cross = 0;
    let squares = 0;
    for (let i = 0; i < n - 1; i += 1) {
      cross += z[i]! * z[i + 1]!;
      squares += z[i]! * z[i]!;
    }
    expect(Math.abs(cross / squares)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('rejects seeds that are not whole numbers from 0 to 2^53 − 1', () => {
    expect(() => pathRandom(-1, 0)).toThrow(RangeError);
    expect(() => pathRandom(1.5, 0)).toThrow(RangeError);
  });
});
