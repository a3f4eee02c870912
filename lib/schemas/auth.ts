import { z } from "zod";

export const ZRole = z.enum(["admin", "editor", "viewer"]);

export const ZLogin = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type TLogin = z.infer<typeof ZLogin>;

export const ZCreateUser = z.object({
  email: z.email("Enter a valid email address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(120),
  password: z.string().min(8, "Password must be at least 8 characters").max(1024),
  role: ZRole,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export interface TMe {
  id: string;
  email: string;
  name: string;
  role: z.infer<typeof ZRole>;
}

export interface TUserDto extends TMe {
  createdAt: string;
}

export const ZRoleChange = z.object({ role: ZRole });
export type TRoleChange = z.infer<typeof ZRoleChange>;
