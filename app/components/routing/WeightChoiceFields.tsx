import { BlockStack, Box, ChoiceList, InlineError, InlineStack, RangeSlider, Select, Text } from "@shopify/polaris";
import {
  WEIGHT_KEYS,
  WEIGHT_LABELS,
  WEIGHT_MODE_LABELS,
  WEIGHT_MODES,
  weightsToValues,
  type FormErrors,
  type WeightKey,
  type WeightValues,
} from "~/models/routing-form";
import { WEIGHT_PRESETS, type Weights } from "~/domain/routing/policy";
import { impliedWeights, weightShares } from "./weights";

/** "Delivery speed 55% · Landed cost (margin) 15% · …": what a choice of weights means for the score. */
export function WeightBreakdown({ weights }: { weights: Weights | null }) {
  if (!weights) {
    return (
      <Text as="p" tone="subdued">
        Set at least one weight above zero to see the split.
      </Text>
    );
  }
  const shares = weightShares(weights);
  return (
    <InlineStack gap="300" wrap>
      {WEIGHT_KEYS.map((k) => (
        <Text as="span" key={k} tone="subdued">
          {WEIGHT_LABELS[k]}{" "}
          <Text as="span" fontWeight="semibold" tone="base">
            {shares[k]}%
          </Text>
        </Text>
      ))}
    </InlineStack>
  );
}

const PRESET_HELP: Record<string, string> = {
  speed_first: "Prefer the supplier that delivers soonest.",
  margin_first: "Prefer the lowest landed cost (best margin).",
  balanced: "Weigh speed and cost evenly, with stock confidence and reliability.",
  custom: "Set how much each factor counts.",
};

interface Props {
  readonly mode: string;
  readonly weights: WeightValues;
  readonly errors: FormErrors;
  /** Prefix of this choice's error keys: "" for the policy, "channelOverrides.0." for a row. */
  readonly errorPrefix: string;
  /** A radio list for the policy's main choice; a compact select inside a channel row. */
  readonly variant: "list" | "select";
  readonly onChange: (next: { mode: string; weights: WeightValues }) => void;
}

/** A preset or custom weights, with the normalised share of each factor shown as a percentage. */
export function WeightChoiceFields({ mode, weights, errors, errorPrefix, variant, onChange }: Props) {
  const setMode = (next: string) => {
    // Custom starts from the weights of the preset it replaces, so the merchant adjusts rather than starts over.
    const current = impliedWeights(mode, weights);
    const start = next === "custom" && mode !== "custom" && current ? weightsToValues(current) : weights;
    onChange({ mode: next, weights: start });
  };
  const setWeight = (key: WeightKey, value: number) => onChange({ mode, weights: { ...weights, [key]: String(value) } });
  const implied = impliedWeights(mode, weights);
  const shares = implied ? weightShares(implied) : null;
  const modeError = errors[`${errorPrefix}mode`];

  const chooser =
    variant === "list" ? (
      <ChoiceList
        title="Routing priority"
        choices={WEIGHT_MODES.map((m) => ({
          label: WEIGHT_MODE_LABELS[m],
          value: m,
          helpText: m === "custom" ? PRESET_HELP[m] : <PresetHelp text={PRESET_HELP[m] ?? ""} weights={WEIGHT_PRESETS[m]} />,
        }))}
        selected={[mode]}
        onChange={([next]) => next && setMode(next)}
        error={modeError}
      />
    ) : (
      <Select
        label="Priority"
        options={WEIGHT_MODES.map((m) => ({ label: WEIGHT_MODE_LABELS[m], value: m }))}
        value={mode}
        onChange={setMode}
        error={modeError}
      />
    );

  return (
    <BlockStack gap="300">
      {chooser}
      {mode === "custom" ? (
        <BlockStack gap="200">
          {WEIGHT_KEYS.map((k) => (
            <RangeSlider
              key={k}
              label={WEIGHT_LABELS[k]}
              min={0}
              max={100}
              step={1}
              output
              value={Number(weights[k]) || 0}
              onChange={(value) => setWeight(k, typeof value === "number" ? value : value[0])}
              error={errors[`${errorPrefix}weights.${k}`]}
              suffix={
                <Box minWidth="72px">
                  <Text as="span" alignment="end" tone={shares ? "base" : "subdued"}>
                    {shares ? `${shares[k]}%` : "—"}
                  </Text>
                </Box>
              }
            />
          ))}
          {errors[`${errorPrefix}weights`] ? <InlineError message={errors[`${errorPrefix}weights`] ?? ""} fieldID={`${errorPrefix}weights`} /> : null}
          <Text as="p" tone="subdued">
            Percentages are each factor&apos;s share of the score: the sliders set relative importance and Dropline scales them to add up to 100%.
          </Text>
        </BlockStack>
      ) : variant === "select" ? (
        <WeightBreakdown weights={implied} />
      ) : null}
    </BlockStack>
  );
}

function PresetHelp({ text, weights }: { text: string; weights: Weights }) {
  return (
    <BlockStack gap="100">
      <span>{text}</span>
      <WeightBreakdown weights={weights} />
    </BlockStack>
  );
}
