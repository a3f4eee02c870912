import { BrandAdmin } from "@/components/brand/brand-admin";
import { requirePageUser } from "@/lib/auth/current";

export const metadata = { title: "Brand · Matchcut" };

export default async function BrandPage() {
  await requirePageUser("admin");
  return <BrandAdmin />;
}
