/**
 * A shipment's tracking state, folded from carrier events. The stage never goes backwards:
 * carriers deliver webhooks late and out of order, and a customer who saw "out for delivery"
 * must not be told "label created" next. Every event is recorded; only some move the stage.
 */
import type { TrackingEvent } from "./event";
import { normalizeCarrierStatus, simplifyStatus, type StatusMatch } from "./normalize";
import { isForwardStage, stageRank, type ExceptionStage, type ForwardStage, type TrackingStage } from "./stages";

/** What applying one event did. */
export type ApplyOutcome =
  | "advanced" // a further forward stage
  | "refreshed" // a newer scan of the stage we are in
  | "recovered" // a forward scan after an exception cleared it
  | "exception" // an exception stage was set
  | "out_of_order" // older than what we know: recorded, stage kept
  | "terminal" // the shipment is finished: recorded, stage kept
  | "unrecognized" // no stage for the status: recorded, stage kept
  | "duplicate" // seen before: ignored, not recorded
  | "wrong_shipment"; // another tracking number: ignored

/** One event as we recorded it. */
export interface RecordedEvent {
  readonly eventId?: string;
  readonly status: string;
  readonly happenedAtMs: number;
  readonly stage: TrackingStage | null;
  readonly outcome: ApplyOutcome;
}

/** An exception in force and when it began. */
export interface ActiveException {
  readonly stage: ExceptionStage;
  readonly sinceMs: number;
}

/** A shipment's tracking state. `stage` is what we show: the exception if any, else progress. */
export interface ShipmentState {
  readonly trackingNumber: string;
  readonly carrier?: string;
  readonly stage: TrackingStage;
  /** The furthest forward stage reached. */
  readonly progress: ForwardStage;
  /** The newest scan that supports `progress` (null before the first scan). */
  readonly progressAtMs: number | null;
  readonly exception: ActiveException | null;
  /** The newest carrier event of any kind: the "last movement" clock. */
  readonly lastScanAtMs: number | null;
  readonly estimatedDeliveryAt?: string;
  readonly events: readonly RecordedEvent[];
}

/** The result of `applyEvent`: the new state, what happened and why. */
export interface ApplyResult {
  readonly state: ShipmentState;
  readonly outcome: ApplyOutcome;
  readonly stageChanged: boolean;
  readonly reason: string;
}

/** A shipment with a tracking number and no carrier events yet. */
export function newShipment(trackingNumber: string, carrier?: string): ShipmentState {
  return {
    trackingNumber,
    ...(carrier ? { carrier } : {}),
    stage: "awaiting_supplier",
    progress: "awaiting_supplier",
    progressAtMs: null,
    exception: null,
    lastScanAtMs: null,
    events: [],
  };
}

type Decision = Pick<ShipmentState, "progress" | "progressAtMs" | "exception"> & {
  outcome: ApplyOutcome;
  reason: string;
};

function decideForward(state: ShipmentState, stage: ForwardStage, at: number): Decision {
  const { progress, progressAtMs, exception } = state;
  const keep = { progress, progressAtMs, exception };
  if (exception?.stage === "returned_to_sender") {
    return { ...keep, outcome: "terminal", reason: "the parcel is on its way back to the sender" };
  }
  const rank = stageRank(stage);
  const current = stageRank(progress);
  if (rank < current || (rank === current && progressAtMs !== null && at <= progressAtMs)) {
    return { ...keep, outcome: "out_of_order", reason: `${stage} is behind ${progress}` };
  }
  const clears = exception !== null && at > exception.sinceMs;
  const next = {
    progress: stage,
    progressAtMs: Math.max(at, progressAtMs ?? at),
    exception: clears ? null : exception,
  };
  if (rank > current) return { ...next, outcome: "advanced", reason: `${progress} → ${stage}` };
  if (clears) return { ...next, outcome: "recovered", reason: `${exception.stage} cleared by a newer ${stage} scan` };
  return { ...next, outcome: "refreshed", reason: `newer ${stage} scan` };
}

function decideException(state: ShipmentState, stage: ExceptionStage, at: number): Decision {
  const { progress, progressAtMs, exception } = state;
  const keep = { progress, progressAtMs, exception };
  if (exception?.stage === "returned_to_sender") {
    return { ...keep, outcome: "terminal", reason: "the parcel is on its way back to the sender" };
  }
  if (progress === "delivered" && stage !== "returned_to_sender" && stage !== "lost") {
    return { ...keep, outcome: "terminal", reason: `${stage} after delivery is ignored` };
  }
  if ((progressAtMs !== null && at < progressAtMs) || (exception !== null && at < exception.sinceMs)) {
    return { ...keep, outcome: "out_of_order", reason: `${stage} is older than the current stage` };
  }
  if (exception?.stage === stage) return { ...keep, outcome: "refreshed", reason: `still ${stage}` };
  return { ...keep, exception: { stage, sinceMs: at }, outcome: "exception", reason: `${progress} → ${stage}` };
}

function isDuplicate(state: ShipmentState, event: TrackingEvent, at: number): boolean {
  const status = simplifyStatus(event.status);
  return state.events.some(
    (seen) => (event.eventId !== undefined && seen.eventId === event.eventId) || (seen.happenedAtMs === at && simplifyStatus(seen.status) === status),
  );
}

function decide(state: ShipmentState, match: StatusMatch, at: number): Decision {
  if (match.stage === null) {
    const { progress, progressAtMs, exception } = state;
    return { progress, progressAtMs, exception, outcome: "unrecognized", reason: match.detail };
  }
  return isForwardStage(match.stage) ? decideForward(state, match.stage, at) : decideException(state, match.stage, at);
}

/** Fold one carrier event into the shipment: record it, and move the stage only forward. */
export function applyEvent(state: ShipmentState, event: TrackingEvent): ApplyResult {
  if (event.trackingNumber !== state.trackingNumber) {
    return { state, outcome: "wrong_shipment", stageChanged: false, reason: `event is for ${event.trackingNumber}` };
  }
  const at = Date.parse(event.happenedAt);
  if (!Number.isFinite(at)) throw new RangeError(`Tracking event has an invalid happenedAt "${event.happenedAt}"`);
  if (isDuplicate(state, event, at)) {
    return { state, outcome: "duplicate", stageChanged: false, reason: "duplicate" };
  }
  const match = normalizeCarrierStatus(event.status, event.description, event.carrier ?? state.carrier);
  const decision = decide(state, match, at);
  const isNewest = state.lastScanAtMs === null || at >= state.lastScanAtMs;
  const estimate = isNewest && event.estimatedDeliveryAt ? event.estimatedDeliveryAt : state.estimatedDeliveryAt;
  const recorded: RecordedEvent = {
    ...(event.eventId ? { eventId: event.eventId } : {}),
    status: event.status,
    happenedAtMs: at,
    stage: match.stage,
    outcome: decision.outcome,
  };
  const next: ShipmentState = {
    ...state,
    progress: decision.progress,
    progressAtMs: decision.progressAtMs,
    exception: decision.exception,
    stage: decision.exception?.stage ?? decision.progress,
    lastScanAtMs: isNewest ? at : state.lastScanAtMs,
    ...(estimate ? { estimatedDeliveryAt: estimate } : {}),
    events: [...state.events, recorded],
  };
  return { state: next, outcome: decision.outcome, stageChanged: next.stage !== state.stage, reason: decision.reason };
}
