import { describe, expect, it } from "vitest";
import { byProductCollector, shrink, TILE_BYTES, tileBox, tileOf } from "./by-products";

const SIZE = 8;
const solid = (r: number, g: number, b: number) => {
  const px = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < px.length; i += 3) px.set([r, g, b], i);
  return px;
};
// a picture that moves a little from frame to frame: a gradient shifted by k
const moving = (k: number) => {
  const px = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) px.set([(x * 20 + k) % 256, 100, (y * 20) % 256], (y * SIZE + x) * 3);
  return px;
};

describe("filmstrip tiles from the analysis frames", () => {
  it("fits the picture in a 160×90 tile keeping the source's aspect", () => {
    expect(tileBox(16 / 9)).toEqual({ w: 160, h: 90 });
    expect(tileBox(4 / 3)).toEqual({ w: 120, h: 90 });
    expect(tileBox(9 / 16)).toEqual({ w: 51, h: 90 });
    expect(tileBox(21 / 9)).toEqual({ w: 160, h: 69 });
  });

  it("area-averages the square and pads with black", () => {
    expect([...shrink(solid(200, 10, 30), SIZE, 3, 2)]).toEqual(Array(6).fill([200, 10, 30]).flat());
    const tile = tileOf(solid(255, 255, 255), SIZE, 4 / 3);
    expect(tile.length).toBe(TILE_BYTES);
    expect(tile[0]).toBe(0); // left bar
    expect(tile[(45 * 160 + 80) * 3]).toBe(255); // centre
  });
});

describe("byProductCollector", () => {
  const plan = {
    rate: 4,
    ownFirst: 40,
    ownEnd: 80,
    size: SIZE,
    tiles: { intervalS: 10, count: 3 },
    aspect: 16 / 9,
  };

  it("keeps the tiles of its own slots and finds a hard cut, not steady motion", () => {
    const c = byProductCollector(plan);
    // slots 40..84 decoded (the chunk reads past its end); a cut at slot 60, another at 82 (not owned)
    for (let i = 40; i < 85; i++) {
      const shot = i < 60 ? moving(i * 3) : i < 82 ? solid(20, 200, 40) : solid(250, 250, 0);
      c.onFrame({ index: i, timeS: i / 4, rgb: shot });
    }
    const got = c.result();
    expect(got.shots).toEqual([15]);
    // tile 1 at 10 s = slot 40 (owned); tile 2 at 20 s = slot 80 belongs to the next chunk
    expect(got.tiles).toEqual([1]);
    expect(got.pixels.length).toBe(TILE_BYTES);
  });

  it("reports a cut right after its last owned slot (the next chunk cannot see the frame before)", () => {
    const c = byProductCollector(plan);
    for (let i = 40; i < 84; i++)
      c.onFrame({ index: i, timeS: i / 4, rgb: i < 80 ? solid(0, 0, 0) : solid(255, 255, 255) });
    expect(c.result().shots).toEqual([20]);
    const next = byProductCollector({ ...plan, ownFirst: 80, ownEnd: Infinity });
    for (let i = 80; i < 90; i++) next.onFrame({ index: i, timeS: i / 4, rgb: solid(255, 255, 255) });
    expect(next.result()).toMatchObject({ shots: [], tiles: [2] });
  });
});
