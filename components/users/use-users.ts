"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TCreateUser, TUserDto } from "@/lib/schemas/auth";
import { apiFetch } from "../api";
import { userKeys } from "./keys";

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => apiFetch<{ users: TUserDto[] }>("/api/users", { signal }),
    select: (d) => d.users,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateUser) => apiFetch<TUserDto>("/api/users", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
