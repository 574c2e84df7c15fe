import { text } from './json-schema-rules';

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text.
const entityTag = '(?:W/)?"[\\x21\\x23-\\x7E\\x80-\\xFF]*"';
// RFC 9110 §5.6.1: a #list allows empty elements and optional white space around commas.
const entityTagList = `(?:,[ \\t]*)*${entityTag}(?:[ \\t]*,(?:[ \\t]*${entityTag})?)*`;

export const ConditionalHeaderLimits = { maxLength: 1024 } as const;

const conditional = (description: string) =>
  text({
    minLength: 1,
    maxLength: ConditionalHeaderLimits.maxLength,
    pattern: `^[ \\t]*(?:\\*|${entityTagList})[ \\t]*$`,
    patternMessage: 'must be * or a comma-separated list of entity tags such as "3" or W/"3"',
    description,
  });

/** RFC 9110 §13.1.1: `*` or a list of entity tags, compared strongly (a weak tag never matches). */
export const IfMatchSchema = conditional(
  'The ETag you last read (`"3"`), a list of them (`"3", "4"`) or `*` (the item exists). Compared strongly (RFC 9110 §13.1.1): a weak tag (`W/"3"`) never matches. No current match → 412, nothing written',
);

/** RFC 9110 §13.1.2: `*` or a list of entity tags, compared weakly. */
export const IfNoneMatchSchema = conditional(
  'ETags you hold (`"3"`, `W/"3"`, a list, or `*`). Compared weakly (RFC 9110 §13.1.2): when one names the current version the answer is 304 with no body',
);
