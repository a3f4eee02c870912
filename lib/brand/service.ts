// The instance brand (issue #29): one row, read by the admin page, the downloads panel and the reel job.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/platform/db";
import type { Brand } from "../generated/prisma/client";
import type { TBrandDto, TBrandPatch } from "../schemas/brand";
import { deletePrefix, getObjectBytes, keys, putObject } from "@/lib/platform/storage";
import { conflict, notFound } from "@/lib/platform/errors";
import { inspectLogo, type LogoType } from "./image";

const BRAND_ID = 1;
const EXT: Record<LogoType, "png" | "jpg" | "webp"> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

export const LOGO_PATH = "/api/admin/brand/logo";

export async function brandRow(): Promise<Brand | null> {
  return db().brand.findUnique({ where: { id: BRAND_ID } });
}

export function brandDto(b: Brand | null): TBrandDto {
  return {
    name: b?.name ?? null,
    corner: b?.corner ?? "top_right",
    introCard: b?.introCard ?? true,
    outroCard: b?.outroCard ?? true,
    lowerThird: b?.lowerThird ?? true,
    logo:
      b?.logoKey && b.logoType
        ? {
            // the key's nonce in the URL: a new logo is a new URL, never a cached old picture
            url: `${LOGO_PATH}?v=${encodeURIComponent(b.logoKey.slice(b.logoKey.lastIndexOf("-") + 1))}`,
            type: b.logoType,
            width: b.logoWidth ?? 0,
            height: b.logoHeight ?? 0,
            bytes: b.logoBytes ?? 0,
          }
        : null,
    updatedAt: b?.updatedAt.toISOString() ?? null,
  };
}

export async function getBrand(): Promise<TBrandDto> {
  return brandDto(await brandRow());
}

export async function patchBrand(patch: TBrandPatch, userId: string): Promise<TBrandDto> {
  const data = {
    ...patch,
    name: patch.name === undefined ? undefined : patch.name || null,
    updatedById: userId,
  };
  const b = await db().brand.upsert({
    where: { id: BRAND_ID },
    create: { id: BRAND_ID, ...data },
    update: { ...data, revision: { increment: 1 } },
  });
  return brandDto(b);
}

/** Whether the brand draws anything on a single clip (its logo or its lower-third; cards are reel-only). */
export const brandDrawsOnClips = (b: Brand | null): b is Brand => Boolean(b && (b.logoKey || b.lowerThird));

export const NO_CLIP_BRAND =
  "No brand is set up for clips: an admin uploads a logo (or turns the lower-third on) under Brand first";

/**
 * The brand a branded single clip is made with (issue #29), or a 409 that says why there is none. The
 * revision goes with the request: a clip made with an older brand is stale.
 */
export async function brandForClips(): Promise<Brand> {
  const b = await brandRow();
  if (!brandDrawsOnClips(b)) throw conflict(NO_CLIP_BRAND);
  return b;
}

/** Checks the bytes (type by magic bytes, size, pixel size), stores them, then swaps the row's key. */
export async function putLogo(bytes: Uint8Array, userId: string): Promise<TBrandDto> {
  const info = inspectLogo(bytes);
  const key = keys.brandLogo(randomUUID().slice(0, 8), EXT[info.type]);
  await putObject(key, bytes, info.type);
  const data = {
    logoKey: key,
    logoType: info.type,
    logoWidth: info.width,
    logoHeight: info.height,
    logoBytes: bytes.length,
    updatedById: userId,
  };
  const old = await brandRow();
  const b = await db().brand.upsert({
    where: { id: BRAND_ID },
    create: { id: BRAND_ID, ...data },
    update: { ...data, revision: { increment: 1 } },
  });
  if (old?.logoKey && old.logoKey !== key) await deletePrefix(old.logoKey);
  return brandDto(b);
}

export async function deleteLogo(userId: string): Promise<TBrandDto> {
  const old = await brandRow();
  if (!old?.logoKey) return brandDto(old);
  const b = await db().brand.update({
    where: { id: BRAND_ID },
    data: {
      logoKey: null,
      logoType: null,
      logoWidth: null,
      logoHeight: null,
      logoBytes: null,
      updatedById: userId,
      revision: { increment: 1 },
    },
  });
  await deletePrefix(old.logoKey);
  return brandDto(b);
}

/** The logo's bytes with the type it was checked as (never what the uploader claimed). */
export async function logoResponse(): Promise<Response> {
  const b = await brandRow();
  if (!b?.logoKey || !b.logoType) throw notFound("Logo");
  const bytes = await getObjectBytes(b.logoKey);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": b.logoType,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
