import { beforeEach, describe, expect, it } from "vitest";
import { AdminClient, resetThrottleState, type RawGraphqlResponse, type Transport } from "../../app/shopify/client.server";
import { AdminApiError, UserErrorsFailure } from "../../app/shopify/errors";
import { operation } from "../../app/shopify/operation";

const Q = operation<{ shop: { name: string } }>("query Q { shop { name } }");
const M = operation<{ tagsAdd: { userErrors: { field: string[]; message: string }[] } | null }, { id: string }>(
  'mutation M($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { userErrors { field message } } }',
);

function cost(available: number, requested = 10, max = 100, restore = 10) {
  return {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: requested,
      throttleStatus: { maximumAvailable: max, currentlyAvailable: available, restoreRate: restore },
    },
  };
}

/** A transport that answers from a script and records what the client did in between. */
function scripted(responses: RawGraphqlResponse[]) {
  const log: string[] = [];
  let clock = 0;
  const transport: Transport = async () => {
    log.push(`send@${clock}`);
    const next = responses.shift();
    if (!next) throw new Error("script exhausted");
    return next;
  };
  const client = new AdminClient(transport, {
    shop: "s.myshopify.com",
    now: () => new Date(clock),
    sleep: async (ms) => {
      log.push(`sleep ${ms}`);
      clock += ms;
    },
  });
  return { client, log };
}

const ok = (available: number, requested = 10): RawGraphqlResponse => ({ status: 200, data: { shop: { name: "S" } }, extensions: cost(available, requested) });
const throttled = (available: number, requested = 10): RawGraphqlResponse => ({
  status: 200,
  errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
  extensions: cost(available, requested),
});

beforeEach(() => resetThrottleState());

describe("AdminClient", () => {
  it("waits for the bucket to refill after THROTTLED, then succeeds", async () => {
    const { client, log } = scripted([throttled(4), ok(0)]);
    await expect(client.request(Q)).resolves.toEqual({ shop: { name: "S" } });
    // 10 points needed, 4 available, 10 restored per second → 600 ms.
    expect(log).toEqual(["send@0", "sleep 600", "send@600"]);
  });

  it("paces itself before sending when the last answer left too few points", async () => {
    const { client, log } = scripted([ok(2), ok(0)]);
    await client.request(Q);
    await client.request(Q);
    expect(log).toEqual(["send@0", "sleep 800", "send@800"]);
  });

  it("gives up on THROTTLED after its attempts with a retryable error", async () => {
    const { client } = scripted(Array.from({ length: 6 }, () => throttled(0)));
    const error = await client.request(Q).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect((error as AdminApiError).kind).toBe("throttled");
    expect((error as AdminApiError).retryable).toBe(true);
  });

  it("does not retry a document Shopify rejects", async () => {
    const { client, log } = scripted([
      { status: 200, errors: [{ message: "Field 'nope' doesn't exist on type 'Shop'", extensions: { code: "undefinedField" } }] },
    ]);
    const error = (await client.request(Q).catch((e: unknown) => e)) as AdminApiError;
    expect(error.kind).toBe("graphql");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("doesn't exist");
    expect(log).toEqual(["send@0"]);
  });

  it("retries Shopify 5xx and network failures with backoff, but not 401", async () => {
    const a = scripted([{ status: 503, errors: [{ message: "HTTP 503" }] }, ok(50)]);
    await expect(a.client.request(Q)).resolves.toBeDefined();
    expect(a.log).toEqual(["send@0", "sleep 250", "send@250"]);

    const b = scripted([{ status: 401, errors: [{ message: "Invalid API key or access token" }] }]);
    const error = (await b.client.request(Q).catch((e: unknown) => e)) as AdminApiError;
    expect(error).toMatchObject({ kind: "http" });
    expect(error.retryable).toBe(false);
  });

  it("never repeats a mutation whose answer was lost (it may have run), but does repeat a throttled one", async () => {
    const lost = scripted([
      { status: 0, errors: [{ message: "socket hang up", extensions: { code: "NETWORK" } }] },
      { status: 200, data: { tagsAdd: { userErrors: [] } }, extensions: cost(90) },
    ]);
    const error = (await lost.client.mutate(M, { id: "gid://shopify/Order/1" }, "tagsAdd").catch((e: unknown) => e)) as AdminApiError;
    expect(error).toMatchObject({ kind: "network" });
    expect(lost.log).toEqual(["send@0"]);

    const server = scripted([{ status: 502, errors: [{ message: "HTTP 502" }] }]);
    await expect(server.client.mutate(M, { id: "gid://shopify/Order/1" }, "tagsAdd")).rejects.toMatchObject({ kind: "http" });
    expect(server.log).toEqual(["send@0"]);

    const throttled = scripted([
      { status: 200, errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }], extensions: cost(90, 0) },
      { status: 200, data: { tagsAdd: { userErrors: [] } }, extensions: cost(90) },
    ]);
    await expect(throttled.client.mutate(M, { id: "gid://shopify/Order/1" }, "tagsAdd")).resolves.toEqual({ userErrors: [] });
    expect(throttled.log.filter((l) => l.startsWith("send"))).toHaveLength(2);
  });

  it("turns userErrors into a typed failure", async () => {
    const { client } = scripted([
      { status: 200, data: { tagsAdd: { userErrors: [{ field: ["id"], message: "Order does not exist" }] } }, extensions: cost(90) },
    ]);
    const error = await client.mutate(M, { id: "gid://shopify/Order/1" }, "tagsAdd").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserErrorsFailure);
    expect((error as UserErrorsFailure).userErrors[0]?.message).toBe("Order does not exist");
  });

  it("returns the payload when there are no userErrors", async () => {
    const { client } = scripted([{ status: 200, data: { tagsAdd: { userErrors: [] } }, extensions: cost(90) }]);
    await expect(client.mutate(M, { id: "gid://shopify/Order/1" }, "tagsAdd")).resolves.toEqual({ userErrors: [] });
  });
});

describe("AdminClient: costs learned across clients", () => {
  it("paces a new client's first call of an operation on the cost an earlier client learned, not on the default", async () => {
    // One job's client learns that Q asks 184 points, leaving 100 of the bucket's 1,000.
    const answer = (available: number): RawGraphqlResponse => ({ status: 200, data: { shop: { name: "S" } }, extensions: cost(available, 184, 1000, 10) });
    const first = scripted([answer(100)]);
    await first.client.request(Q);
    // The next job builds its own client: its first Q waits for 184 points (84 more at 10/s),
    // instead of going out on the default 50 and being refused THROTTLED.
    const second = scripted([answer(0)]);
    await second.client.request(Q);
    expect(second.log).toEqual(["sleep 8400", "send@8400"]);
  });
});
