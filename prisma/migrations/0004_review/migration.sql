-- Issue #6: the review room. A scrubbing proxy made at probe time, with the shot cuts and the audio
-- waveform found in the same decode.
ALTER TABLE "Video" ADD COLUMN "proxyKey" TEXT,
ADD COLUMN "proxyError" TEXT,
ADD COLUMN "shotsKey" TEXT,
ADD COLUMN "waveformKey" TEXT;
