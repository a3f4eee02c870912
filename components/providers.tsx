"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import { ApiError } from "./api";
import { UploadProvider } from "./upload/upload-context";

// zod probes whether it may compile validators with `new Function`; under our CSP (no 'unsafe-eval')
// the probe is refused and every page reports a CSP violation. In the browser, skip the probe.
if (typeof window !== "undefined") z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  }, [router]);
  const [client] = useState(
    () =>
      new QueryClient({
        // A session that expires while the page is open: back to sign-in instead of a wall of errors.
        queryCache: new QueryCache({
          onError: (err) => {
            if (err instanceof ApiError && err.status === 401) routerRef.current.replace("/login");
          },
        }),
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <UploadProvider>{children}</UploadProvider>
    </QueryClientProvider>
  );
}
