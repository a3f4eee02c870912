"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { videoKeys } from "../videos/keys";
import { uploadKeys } from "./keys";
import { xhrPutPart } from "./put-part";
import { abortUploadRequest, uploadApi } from "./upload-api";
import { UploadStore, type UploadItem } from "./upload-store";

const UploadContext = createContext<UploadStore | null>(null);

/** Lives above the pages, so uploads keep going while the user moves around the app. */
export function UploadProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [store] = useState(
    () =>
      new UploadStore({
        api: uploadApi,
        putPart: xhrPutPart,
        abortRequest: (id) =>
          abortUploadRequest(id).finally(() => queryClient.invalidateQueries({ queryKey: uploadKeys.all })),
        onDone: async () => {
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: videoKeys.all }),
            queryClient.invalidateQueries({ queryKey: uploadKeys.all }),
          ]);
        },
      }),
  );

  useEffect(() => {
    // Leaving mid-upload is recoverable (re-select the file to resume) but still worth a warning.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (store.hasActive()) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [store]);

  return <UploadContext.Provider value={store}>{children}</UploadContext.Provider>;
}

const NO_ITEMS: UploadItem[] = [];

export function useUploads(): { items: UploadItem[]; store: UploadStore } {
  const store = useContext(UploadContext);
  if (!store) throw new Error("useUploads needs an <UploadProvider>");
  const items = useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_ITEMS);
  return { items, store };
}
