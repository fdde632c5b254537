/** How a supplier receives purchase orders (shared by the admin form and the server). */
export const CHANNELS = ["portal", "email", "webhook", "csv"] as const;
export type Channel = (typeof CHANNELS)[number];
