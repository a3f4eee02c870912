// Browser-safe: the trash list's shape, shared by lib/trash/service.ts and components/trash.
export interface TTrashedVideoDto {
  id: string;
  title: string;
  owner: { id: string; name: string };
  deletedAt: string;
  deletedBy: { id: string; name: string } | null;
  purgeAt: string;
}
