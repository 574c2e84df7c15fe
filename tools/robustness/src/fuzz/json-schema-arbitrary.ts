import { jsonSchemaOf, TextPatterns, type JsonSchema } from '@items-api/contract';
import fc, { type Arbitrary } from 'fast-check';
import type { ZodTypeAny } from 'zod';

// Values for the contract's text and array rules, read from the JSON Schema each rule publishes
// (the same one the OpenAPI document carries): lengths in code points, the pattern, uniqueItems.

type Rule = JsonSchema & {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Rule;
  maxItems?: number;
  uniqueItems?: boolean;
};

/** The rule a schema (or what it wraps) publishes, when it is a string or an array rule. */
export function ruleOf(schema: ZodTypeAny): Rule | undefined {
  const rule = jsonSchemaOf(schema) as Rule | undefined;
  return rule?.type === 'string' || rule?.type === 'array' ? rule : undefined;
}

const astral = fc.constantFrom('😀', '𝄞', '🧭', '𠀋');
const visible = fc.oneof(
  fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }).filter((c) => c.trim() !== ''),
  astral,
  fc.constantFrom('é', 'ß', '中'),
);

/** Strings a rule accepts: short ones, and now and then exactly `maxLength` code points of emoji. */
export function validText(rule: Rule): Arbitrary<string> {
  const min = rule.minLength ?? 0;
  const max = rule.maxLength ?? min + 64;
  const regex = rule.pattern ? new RegExp(rule.pattern, 'u') : undefined;
  const inRange = (s: string) => [...s].length >= min && [...s].length <= max;
  const freeText = [TextPatterns.trimmed, TextPatterns.wellFormed] as string[];
  if (regex && !freeText.includes(rule.pattern ?? '')) {
    // A syntax (cursor, entity tags, keys): strings built from the pattern itself.
    return fc.stringMatching(regex).filter(inRange);
  }
  const short = fc
    .array(fc.oneof(visible, fc.constant(' ')), {
      minLength: Math.max(min, 0),
      maxLength: Math.min(max, min + 24),
    })
    .map((chars) => chars.join(''));
  const atMax = astral.map((c) => c.repeat(max));
  return fc
    .oneof({ arbitrary: short, weight: 6 }, atMax)
    .filter((s) => inRange(s) && (!regex || regex.test(s)));
}

/** Strings a rule refuses: one code point too many, a lone surrogate, blank or padded text. */
export function invalidText(rule: Rule): Arbitrary<string> {
  const max = rule.maxLength ?? 64;
  const branches: Arbitrary<string>[] = [
    astral.map((c) => c.repeat(max + 1)),
    validText(rule).map((s) => `${s}\ud800`),
  ];
  if (rule.pattern?.includes('\\s')) {
    branches.push(
      fc.constantFrom(' ', '\t', '   '),
      validText(rule).map((s) => ` ${s} `),
    );
  }
  if ((rule.minLength ?? 0) > 0) branches.push(fc.constant(''));
  return fc.oneof(...branches);
}

const itemsOf = (rule: Rule) => (rule.items ? validText(rule.items) : fc.string());

/** Arrays a rule accepts: unique when it says so, up to `maxItems`. */
export function validArray(rule: Rule): Arbitrary<unknown[]> {
  const max = rule.maxItems ?? 8;
  const options = { maxLength: Math.min(max, 4) };
  const atMax = { minLength: max, maxLength: max };
  return rule.uniqueItems
    ? fc.oneof(
        { arbitrary: fc.uniqueArray(itemsOf(rule), options), weight: 4 },
        fc.uniqueArray(itemsOf(rule), atMax),
      )
    : fc.oneof(
        { arbitrary: fc.array(itemsOf(rule), options), weight: 4 },
        fc.array(itemsOf(rule), atMax),
      );
}

/** Arrays a rule refuses: one item too many, a duplicate, an invalid item. */
export function invalidArray(rule: Rule): Arbitrary<unknown[]> {
  const max = rule.maxItems ?? 8;
  return fc.oneof(
    fc.uniqueArray(itemsOf(rule), { minLength: max + 1, maxLength: max + 3 }),
    ...(rule.uniqueItems
      ? [
          validArray(rule)
            .filter((a) => a.length > 0)
            .map((a) => [...a, a[0]]),
        ]
      : []),
    ...(rule.items
      ? [
          fc
            .tuple(validArray(rule), invalidText(rule.items))
            .map(([a, bad]) => [...a.slice(0, 2), bad]),
        ]
      : []),
  );
}
