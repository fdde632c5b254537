/**
 * Telling the customer about a delay is the merchant's call, in their own words and channel: the
 * app tags the order and fires a Shopify Flow trigger, and the merchant's Flow sends the email or SMS.
 */
import type { AdminClient } from "./client.server";
import { operation, type UserError } from "./operation";

export const TAGS_ADD = operation<
  { tagsAdd: { node: { id: string } | null; userErrors: readonly UserError[] } | null },
  { id: string; tags: readonly string[] }
>(`#graphql
  mutation OrderTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      node { id }
      userErrors { field message }
    }
  }
`);

export const FLOW_TRIGGER_RECEIVE = operation<
  { flowTriggerReceive: { userErrors: readonly UserError[] } | null },
  { handle: string; payload: Record<string, unknown> }
>(`#graphql
  mutation FlowTriggerReceive($handle: String, $payload: JSON) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
`);

export async function tagOrder(client: AdminClient, orderId: string, tags: readonly string[]) {
  return client.mutate(TAGS_ADD, { id: orderId, tags }, "tagsAdd");
}

export async function fireFlowTrigger(client: AdminClient, handle: string, payload: Record<string, unknown>) {
  return client.mutate(FLOW_TRIGGER_RECEIVE, { handle, payload }, "flowTriggerReceive");
}
