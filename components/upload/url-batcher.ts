/** Presigns URLs in batches, in upload order, with one request in flight per batch. */
export class UrlBatcher {
  private readonly cache = new Map<number, Promise<string>>();

  constructor(
    private readonly order: number[],
    private readonly batchSize: number,
    private readonly fetchBatch: (partNumbers: number[]) => Promise<Map<number, string>>,
  ) {}

  get(partNumber: number): Promise<string> {
    if (!this.cache.has(partNumber)) this.load(partNumber);
    return this.cache.get(partNumber)!;
  }

  forget(partNumber: number): void {
    this.cache.delete(partNumber);
  }

  private load(partNumber: number): void {
    const from = Math.max(0, this.order.indexOf(partNumber));
    const batch = [partNumber];
    for (let i = from; i < this.order.length && batch.length < this.batchSize; i++) {
      const n = this.order[i];
      if (n !== partNumber && !this.cache.has(n)) batch.push(n);
    }
    const request = this.fetchBatch(batch);
    for (const n of batch) {
      const url = request.then((m) => {
        const found = m.get(n);
        if (!found) throw new Error(`No upload URL for part ${n}`);
        return found;
      });
      // A failed batch must not stay cached, or every retry would re-read the same rejection.
      url.catch(() => this.cache.get(n) === url && this.cache.delete(n));
      this.cache.set(n, url);
    }
  }
}
