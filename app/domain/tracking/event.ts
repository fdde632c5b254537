/**
 * The carrier-neutral tracking event. Webhooks from carriers and aggregators are translated
 * into this shape at the edge; everything inside works on it.
 */
import { fail, failure, ok, type Result } from "../result";
import { z } from "zod";

const text = z.string().trim().min(1);

/** Where a scan happened, as far as the carrier says. */
export const TrackingLocationSchema = z.object({
  city: text.optional(),
  province: text.optional(),
  country: text.optional(),
  zip: text.optional(),
});

/** One carrier event: raw status plus when (an ISO instant with an offset) it happened. */
export const TrackingEventSchema = z.object({
  trackingNumber: text,
  carrier: text.optional(),
  /** The carrier's own status code or phrase, untouched. */
  status: text,
  description: z.string().trim().optional(),
  happenedAt: z.iso.datetime({ offset: true }),
  location: TrackingLocationSchema.optional(),
  /** A carrier's estimate: an instant, or a calendar date when that is all it gives. */
  estimatedDeliveryAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).optional(),
  /** The carrier's or aggregator's id for the event, when it has one. */
  eventId: text.optional(),
});

export type TrackingEvent = z.infer<typeof TrackingEventSchema>;
export type TrackingLocation = z.infer<typeof TrackingLocationSchema>;

/** Parse an untrusted payload into a tracking event, or say which fields are wrong. */
export function parseTrackingEvent(input: unknown): Result<TrackingEvent> {
  const parsed = TrackingEventSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const error = parsed.error.issues.map((issue) => `${issue.path.join(".") || "event"}: ${issue.message}`).join("; ");
  return fail(failure(`Tracking event rejected — ${error}`));
}
