export class NetworkBlockedError extends Error {
  constructor(host: string) {
    super(`Network access to "${host}" is blocked in tests: only loopback is allowed`);
    this.name = "NetworkBlockedError";
  }
}

/** True for hosts that can only mean this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::ffff:127.0.0.1";
}
