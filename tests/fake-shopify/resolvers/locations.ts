/** Locations and fulfillment services (each service owns one location). */
import { numericPart, parseGid } from "../ids";
import type { AddressRecord, FulfillmentServiceRecord, LocationRecord } from "../types";
import { connection } from "./connection";
import { optBool, optStr, str, userError, type Args, type ResolverContext, type UserError, type View } from "./context";
import { inventoryLevelView, levelsAtLocation } from "./inventory";
import { matchesSearch } from "./search";

export function addressView(a: AddressRecord | null, typename = "MailingAddress"): View | null {
  if (!a) return null;
  return {
    __typename: typename,
    name: a.name,
    firstName: a.firstName,
    lastName: a.lastName,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    zip: a.zip,
    provinceCode: a.provinceCode,
    countryCode: a.countryCode,
    countryCodeV2: a.countryCode,
    phone: a.phone,
    company: a.company,
    province: a.provinceCode,
    country: a.countryCode,
    email: null,
  };
}

export function locationView(ctx: ResolverContext, l: LocationRecord): View {
  return {
    __typename: "Location",
    id: l.id,
    legacyResourceId: numericPart(l.id),
    name: l.name,
    isActive: l.isActive,
    activatable: !l.isActive,
    deactivatable: l.isActive,
    deletable: !l.isActive,
    deactivatedAt: l.isActive ? null : l.createdAt,
    isFulfillmentService: l.fulfillmentServiceId !== null,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    shipsInventory: l.shipsInventory,
    hasActiveInventory: () => levelsAtLocation(ctx, l.id).length > 0,
    createdAt: l.createdAt,
    updatedAt: l.createdAt,
    localPickupSettingsV2: null,
    address: () => ({ ...addressView(l.address, "LocationAddress"), formatted: [l.address.address1, l.address.city, l.address.countryCode].filter(Boolean) }),
    fulfillmentService: () => {
      const fs = l.fulfillmentServiceId ? ctx.state.fulfillmentServices.get(l.fulfillmentServiceId) : undefined;
      return fs ? fulfillmentServiceView(ctx, fs) : null;
    },
    inventoryLevel: (args: Args) => {
      const level = ctx.state.inventoryLevels.get(ctx.state.levelKey(str(args, "inventoryItemId"), l.id));
      return level ? inventoryLevelView(ctx, level) : null;
    },
    inventoryLevels: (args: Args) => connection("InventoryLevelConnection", levelsAtLocation(ctx, l.id), args, (lv) => inventoryLevelView(ctx, lv)),
  };
}

const MANUAL_SERVICE_ID = "gid://shopify/FulfillmentService/manual";

export function fulfillmentServiceView(ctx: ResolverContext, fs: FulfillmentServiceRecord): View {
  return {
    __typename: "FulfillmentService",
    id: fs.id,
    handle: fs.handle,
    serviceName: fs.serviceName,
    callbackUrl: fs.callbackUrl,
    trackingSupport: fs.trackingSupport,
    inventoryManagement: fs.inventoryManagement,
    requiresShippingMethod: fs.requiresShippingMethod,
    permitsSkuSharing: fs.permitsSkuSharing,
    fulfillmentOrdersOptIn: true,
    productBased: true,
    type: fs.type,
    location: () => {
      const location = ctx.state.locations.get(fs.locationId);
      return location ? locationView(ctx, location) : null;
    },
  };
}

/** Shopify lists the merchant's own "Manual" service first, at the primary location. */
export function manualServiceView(ctx: ResolverContext): View | null {
  const primary = ctx.state.routingLocationIds[0];
  if (!primary) return null;
  return fulfillmentServiceView(ctx, {
    id: MANUAL_SERVICE_ID,
    handle: "manual",
    serviceName: "Manual",
    callbackUrl: null,
    trackingSupport: false,
    inventoryManagement: false,
    requiresShippingMethod: true,
    permitsSkuSharing: true,
    type: "MANUAL",
    locationId: primary,
  });
}

function findService(ctx: ResolverContext, id: string): FulfillmentServiceRecord | undefined {
  const numeric = parseGid(id)?.numeric;
  return [...ctx.state.fulfillmentServices.values()].find((fs) => parseGid(fs.id)?.numeric === numeric);
}

export const locationQueries = {
  location: (args: Args, ctx: ResolverContext): View | null => {
    const id = optStr(args, "id") ?? ctx.state.routingLocationIds[0];
    const l = id ? ctx.state.locations.get(id) : undefined;
    return l && !l.deletedAt ? locationView(ctx, l) : null;
  },
  locations: (args: Args, ctx: ResolverContext): View => {
    const includeLegacy = optBool(args, "includeLegacy") === true;
    const includeInactive = optBool(args, "includeInactive") === true;
    const query = optStr(args, "query");
    const items = [...ctx.state.locations.values()].filter(
      (l) =>
        !l.deletedAt &&
        (includeLegacy || l.fulfillmentServiceId === null) &&
        (includeInactive || l.isActive) &&
        matchesSearch(query, { name: l.name, id: numericPart(l.id) }),
    );
    return connection("LocationConnection", items, args, (l) => locationView(ctx, l));
  },
  fulfillmentService: (args: Args, ctx: ResolverContext): View | null => {
    const id = str(args, "id");
    if (id === MANUAL_SERVICE_ID) return manualServiceView(ctx);
    const fs = findService(ctx, id);
    return fs ? fulfillmentServiceView(ctx, fs) : null;
  },
};

const RESERVED_HANDLES = new Set(["manual", "gift_card", "gift-card", "shopify", "amazon"]);

/** Shopify's handle: transliterated, lower case, punctuation collapsed to hyphens, underscores kept. */
export function serviceHandle(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

function validateName(ctx: ResolverContext, name: string, selfId: string | null): UserError[] {
  if (name.trim() === "") return [userError(["name"], "Name can't be blank")];
  const handle = serviceHandle(name);
  if (RESERVED_HANDLES.has(handle)) return [userError(["name"], "Name is reserved")];
  const taken = [...ctx.state.fulfillmentServices.values()].some(
    (fs) => fs.id !== selfId && (fs.serviceName.toLowerCase() === name.toLowerCase() || fs.handle === handle),
  );
  return taken ? [userError(["name"], "Name has already been taken")] : [];
}

export interface CallbackPolicy {
  /** Hosts a callback URL may point at (the app's own hosts); the shop's host is always allowed. */
  allowedHosts: readonly string[];
  required: boolean;
}

function validateCallbackUrl(ctx: ResolverContext, policy: CallbackPolicy, url: string | null): UserError[] {
  if (url === null || url === "") return policy.required ? [userError(["callbackUrl"], "Callback url can't be blank")] : [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [userError(["callbackUrl"], "Callback url is invalid")];
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return [userError(["callbackUrl"], `Callback url protocol ${parsed.protocol}// is not supported`)];
  }
  const allowed = new Set([...policy.allowedHosts, ctx.state.shop.domain]);
  return allowed.has(parsed.hostname) ? [] : [userError(["callbackUrl"], "Callback url is not allowed")];
}

function payload(typename: string, service: View | null, errors: UserError[]): View {
  return {
    __typename: typename,
    fulfillmentService: service,
    userErrors: errors.map((e) => ({ __typename: "UserError", field: e.field, message: e.message })),
  };
}

export function makeFulfillmentServiceMutations(policy: () => CallbackPolicy) {
  return {
    fulfillmentServiceCreate: (args: Args, ctx: ResolverContext): View => {
      const name = str(args, "name");
      const callbackUrl = optStr(args, "callbackUrl");
      const errors = [...validateName(ctx, name, null), ...validateCallbackUrl(ctx, policy(), callbackUrl)];
      if (errors.length) return payload("FulfillmentServiceCreatePayload", null, errors);
      const now = ctx.store.nowIso();
      const locationId = ctx.store.newGid("Location");
      const id = `${ctx.store.newGid("FulfillmentService")}?id=true`;
      ctx.state.locations.set(locationId, {
        id: locationId,
        name,
        isActive: true,
        fulfillsOnlineOrders: true,
        shipsInventory: false,
        fulfillmentServiceId: id,
        address: {
          name: null,
          firstName: null,
          lastName: null,
          address1: null,
          address2: null,
          city: null,
          zip: null,
          provinceCode: null,
          countryCode: "US",
          phone: null,
          company: null,
        },
        createdAt: now,
        deletedAt: null,
      });
      const fs: FulfillmentServiceRecord = {
        id,
        handle: serviceHandle(name),
        serviceName: name,
        callbackUrl,
        trackingSupport: optBool(args, "trackingSupport") ?? false,
        inventoryManagement: optBool(args, "inventoryManagement") ?? false,
        requiresShippingMethod: optBool(args, "requiresShippingMethod") ?? true,
        permitsSkuSharing: optBool(args, "permitsSkuSharing") ?? false,
        type: "THIRD_PARTY",
        locationId,
      };
      ctx.state.fulfillmentServices.set(id, fs);
      return payload("FulfillmentServiceCreatePayload", fulfillmentServiceView(ctx, fs), []);
    },
    fulfillmentServiceUpdate: (args: Args, ctx: ResolverContext): View => {
      const fs = findService(ctx, str(args, "id"));
      if (!fs) return payload("FulfillmentServiceUpdatePayload", null, [userError(["id"], "Fulfillment service could not be found.")]);
      const name = optStr(args, "name");
      const errors = name !== null ? validateName(ctx, name, fs.id) : [];
      if ("callbackUrl" in args) errors.push(...validateCallbackUrl(ctx, policy(), optStr(args, "callbackUrl")));
      if (errors.length) return payload("FulfillmentServiceUpdatePayload", null, errors);
      if (name !== null) {
        fs.serviceName = name;
        const location = ctx.state.locations.get(fs.locationId);
        if (location) location.name = name;
      }
      if ("callbackUrl" in args) fs.callbackUrl = optStr(args, "callbackUrl");
      fs.trackingSupport = optBool(args, "trackingSupport") ?? fs.trackingSupport;
      fs.inventoryManagement = optBool(args, "inventoryManagement") ?? fs.inventoryManagement;
      fs.requiresShippingMethod = optBool(args, "requiresShippingMethod") ?? fs.requiresShippingMethod;
      fs.permitsSkuSharing = optBool(args, "permitsSkuSharing") ?? fs.permitsSkuSharing;
      return payload("FulfillmentServiceUpdatePayload", fulfillmentServiceView(ctx, fs), []);
    },
    fulfillmentServiceDelete: (args: Args, ctx: ResolverContext): View => {
      const fs = findService(ctx, str(args, "id"));
      const errors = (e: UserError[]): View => ({
        __typename: "FulfillmentServiceDeletePayload",
        deletedId: null,
        userErrors: e.map((x) => ({ __typename: "UserError", field: x.field, message: x.message })),
      });
      if (!fs) return errors([userError(["id"], "Fulfillment service could not be found.")]);
      ctx.state.fulfillmentServices.delete(fs.id);
      const location = ctx.state.locations.get(fs.locationId);
      if (location) {
        location.deletedAt = ctx.store.nowIso();
        location.isActive = false;
      }
      for (const level of levelsAtLocation(ctx, fs.locationId)) ctx.state.inventoryLevels.delete(ctx.state.levelKey(level.inventoryItemId, level.locationId));
      return { __typename: "FulfillmentServiceDeletePayload", deletedId: fs.id.replace(/\?.*$/, ""), userErrors: [] };
    },
  };
}
