/**
 * How many request-body bytes the gateway holds at once. Past it, a large request waits — its body
 * unread, so TCP flow control holds the client back — until earlier ones have been answered:
 * memory stays bounded however many large bodies arrive together. AWS documents no such limit
 * (a deployed gateway scales out); this one protects the machine the local server runs on.
 */
export class ByteBudget {
  private held = 0;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];

  constructor(readonly capacity: number) {}

  /** Waits until `bytes` fit (FIFO), holds them, and returns the function that gives them back. */
  async reserve(bytes: number): Promise<() => void> {
    const amount = Math.min(bytes, this.capacity);
    if (this.waiting.length || this.held + amount > this.capacity) {
      await new Promise<void>((admit) => this.waiting.push({ bytes: amount, admit }));
    } else {
      this.held += amount;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= amount;
      this.admitWaiting();
    };
  }

  get heldBytes(): number {
    return this.held;
  }

  private admitWaiting(): void {
    for (let next = this.waiting[0]; next; next = this.waiting[0]) {
      if (this.held + next.bytes > this.capacity) return;
      this.waiting.shift();
      this.held += next.bytes;
      next.admit();
    }
  }
}
