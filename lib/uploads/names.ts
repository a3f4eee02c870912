/** "Final 2024.mp4" → "Final 2024"; a name that is only an extension stays as it is. */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const title = dot > 0 ? fileName.slice(0, dot) : fileName;
  return title.trim() || fileName;
}

export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
