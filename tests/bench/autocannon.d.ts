// The small part of autocannon's programmatic API the check bench uses (the package ships no types).
declare module "autocannon" {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections: number;
    duration: number;
    pipelining?: number;
    /** Requests per second from all connections together (a steady rate, not as fast as possible). */
    overallRate?: number;
    timeout?: number;
    requests?: { method?: string; path?: string; setupRequest?: (req: Request) => Request }[];
  };
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number };
  export type Result = {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    duration: number;
  };
  type Instance = Promise<Result> & { on(event: "tick", fn: (t: { counter: number }) => void): void };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
