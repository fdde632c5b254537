/** Shopify Flow: `flowTriggerReceive` records each trigger so tests can see what a merchant's Flow would get. */
import { optStr, type Args, type ResolverContext, type View } from "./context";

export const flowMutations = {
  flowTriggerReceive: (args: Args, ctx: ResolverContext): View => {
    const handle = optStr(args, "handle");
    if (!handle)
      return { __typename: "FlowTriggerReceivePayload", userErrors: [{ __typename: "UserError", field: ["handle"], message: "Handle can't be blank" }] };
    ctx.state.flowTriggers.push({ handle, payload: args.payload ?? null, at: ctx.store.nowIso() });
    return { __typename: "FlowTriggerReceivePayload", userErrors: [] };
  },
};
