/**
 * Claims, typed by cue words read sentence by sentence: alleges a violation, denies, calls on someone
 * to act, commits (or declares readiness), threatens, demands. The claimant is the speaker of the
 * quote the cue stands in, else the document's author (a ministry's own statement), else, for the
 * acts a subject performs by speaking (calling, committing, denying), the sentence's subject. The
 * target is who the claim is about: the agent of a passive ("blocked by Azerbaijan"), the one called
 * on ("urges Azerbaijan to"), or the subject of the clause ("Azerbaijan declares its readiness", as
 * reported by the ministry). Mentions after a preposition ("the people of Artsakh", "dialogue with
 * Artsakh") are not subjects. What a claim bears on is suggested by `suggestLinks`.
 */
import { suggestLinks } from "./links.js";
import { sentenceSpans } from "./sentences.js";
import { firstStartingAt, within } from "./spans.js";
import type { Claim, ClaimActor, ClaimType, LinkCandidate, Mention, Quote, Span, Speaker } from "./types.js";

export { suggestLinks } from "./links.js";

interface Cue {
  type: ClaimType;
  pattern: RegExp;
  /** A passive participle whose agent follows with "by". */
  passive?: boolean;
}

const cues: readonly Cue[] = [
  {
    type: "alleges_violation",
    passive: true,
    pattern:
      /\b(?:violat(?:es|ed|ing|ions?)|breach(?:es|ed)?|under siege|besieg\w*|blockade[sd]?|blocked|blocking|blocks|perpetrat\w+|shell(?:ed|ing)|opened fire|fired (?:at|on)|attack(?:ed|s)?|ethnic cleansing|hostage situation|illegally (?:installed|detained|set up|held)|provocations?|aggression|obstruct(?:s|ed|ing)?|cut (?:off )?(?:the )?(?:gas|electricity|supply|supplies)|sabotage|disrupt(?:ed|s)|(?:is|are|was) (?:not being|not) (?:carried out|implemented|respected)|ignor(?:ing|es|ed)|distort(?:ing|s|ed)|misrepresent(?:ing|s|ed)?|arrested|detained|held (?:captive|hostage)|halt(?:ed|ing)|(?:is|was|were|remains|been) closed)\b/gi,
  },
  {
    type: "denies",
    pattern:
      /\b(?:den(?:y|ies|ied)|reject(?:s|ed)? (?:the |these |all )?(?:claims?|allegations?|accusations?|reports?|criticism)|never (?:blocked|violated|attacked|shelled|closed)|groundless|baseless|unfounded|not true|false (?:claims?|information|reports?)|no blockade|(?:has|have|had) not blocked|did not (?:block|violate|attack|close)|none of its (?:own )?vehicles)\b/gi,
  },
  {
    type: "calls_on",
    pattern:
      /\b(?:call(?:s|ed|ing)? (?:on|upon|for)|urg(?:e|es|ed|ing)|appeal(?:s|ed)? to|dr[ae]wn? the attention of|asked (?!for\b)(?:[\p{L}-]+ ){1,3}to)\b/giu,
  },
  {
    type: "demands",
    passive: true,
    pattern:
      /\b(?:demand(?:s|ed)? (?:that|the|an?|immediate|its|their)|must (?!be\b)\w+|insist(?:s|ed)? (?:that|on)|need for the immediate|it is necessary|should (?:immediately )?(?:stop|end|withdraw|ensure|lift|open|reopen|restore|comply|release|return|allow|stay|remain)|must be (?:lifted|opened|restored|ended|stopped|withdrawn|released|implemented))\b/gi,
  },
  {
    type: "commits",
    pattern:
      /\b(?:(?:remains?|is|are|stays?|was) committed to|commit(?:s|ted)? (?:itself |themselves )?to|declared? (?:its|their) readiness|(?:has|have) declared (?:its|their) readiness|readiness (?:for|to)|(?:is|are|stands?|remains?) ready to|pledge[sd]?|promise[sd]?|undertak(?:e|es|ing)|undertook|(?:will|would) (?:continue to|ensure|guarantee|fulfil|fulfill|comply|respect|keep)|(?:is|are) prepared to|agreed to)\b/gi,
  },
  {
    type: "threatens",
    pattern:
      /\b(?:threat(?:en|ens|ened|ening)?|use of force|will (?:respond|retaliate|take (?:all )?(?:necessary )?measures)|ultimatum|by military means|military solution|right to close|warn(?:s|ed)? of (?:consequences|war|a new war))\b/gi,
  },
];

const preposition =
  /(?:\b(?:of|with|to|for|in|from|against|by|on|at|into|between|towards|about|over|and)\s+(?:the\s+)?(?:people\s+of\s+)?)$/i;
const negation = /\b(?:never|not|no|didn't|hasn't|haven't|wasn't)\s+(?:been\s+)?$/i;
const firstPerson = /(?<![\p{L}])(?:we|our|us)(?![\p{L}])/iu;
/** The claim types a subject makes by the act the cue names. */
const speechActs = new Set<ClaimType>(["calls_on", "commits", "denies", "demands", "threatens"]);

export interface FindClaimsOptions {
  /** Who speaks in the text's own voice (the ministry of a ministry's statement); null for a report. */
  author?: ClaimActor | null;
  candidates?: readonly LinkCandidate[];
  maxClaims?: number;
}

const actorOf = (mention: Mention): ClaimActor => ({
  text: mention.text,
  ...(mention.recordId ? { recordId: mention.recordId } : {}),
  span: mention.span,
});
const speakerActor = (speaker: Speaker): ClaimActor => ({
  text: speaker.text,
  ...(speaker.recordId ? { recordId: speaker.recordId } : {}),
  span: speaker.span,
});

function actorsIn(mentions: Mention[], from: number, to: number): Mention[] {
  return within(mentions, from, to).filter((m) => (m.kind === "party" || m.kind === "person") && m.recordId);
}

/** Mentions in the span that are not the object of a preposition: candidates for the subject. */
function subjects(text: string, mentions: Mention[], from: number, to: number): Mention[] {
  return actorsIn(mentions, from, to).filter(
    (m) => !preposition.test(text.slice(Math.max(from, m.span[0] - 30), m.span[0])),
  );
}

function targetOf(
  text: string,
  cue: Cue,
  cueSpan: Span,
  sentence: Span,
  mentions: Mention[],
  claimant: ClaimActor | null,
): Mention | undefined {
  const notClaimant = (m: Mention) => !claimant?.recordId || m.recordId !== claimant.recordId;
  const after = actorsIn(mentions, cueSpan[1], sentence[1]);
  if (cue.passive) {
    const agent = after.find((m) =>
      /^\s+(?:[\p{L}\s-]{0,60}\s)?by\s+(?:the\s+)?$/u.test(text.slice(cueSpan[1], m.span[0])),
    );
    if (agent) return agent;
  }
  if (cue.type === "calls_on") return after.find((m) => m.span[0] - cueSpan[1] < 60 && notClaimant(m));
  const before = subjects(text, mentions, sentence[0], cueSpan[0]).filter(notClaimant);
  // A commitment is its subject's; words after the cue ("settlement of the conflict with X") are not.
  const objectMayFollow = cue.type !== "demands" && cue.type !== "commits";
  return before.at(-1) ?? (objectMayFollow ? after.find(notClaimant) : undefined);
}

/** The quote (with a speaker) the position stands in; quotes are sorted, only a few can overlap. */
function quoteAt(quotes: Quote[], position: number): Quote | undefined {
  const after = firstStartingAt(quotes, position + 1);
  for (let index = after - 1; index >= Math.max(0, after - 4); index--) {
    const quote = quotes[index] as Quote;
    if (quote.span[0] <= position && position < quote.span[1] && !quote.fragment && quote.speaker)
      return quote;
  }
  return undefined;
}

export function findClaims(
  text: string,
  mentions: Mention[],
  quotes: Quote[],
  options: FindClaimsOptions = {},
): Claim[] {
  const maxClaims = options.maxClaims ?? 1_000;
  const claims: Claim[] = [];
  for (const sentence of sentenceSpans(text)) {
    if (claims.length >= maxClaims) break;
    const sentenceText = text.slice(sentence[0], sentence[1]);
    for (const cue of cues) {
      cue.pattern.lastIndex = 0;
      const match = cue.pattern.exec(sentenceText);
      if (!match) continue;
      const cueSpan: Span = [sentence[0] + match.index, sentence[0] + match.index + match[0].length];
      // "never blocked", "did not violate": the denial cue reads it; it is no allegation.
      if (
        cue.type === "alleges_violation" &&
        negation.test(sentenceText.slice(Math.max(0, match.index - 20), match.index))
      )
        continue;
      const quote = quoteAt(quotes, cueSpan[0]);
      let claimant: ClaimActor | null = quote?.speaker ? speakerActor(quote.speaker) : null;
      if (!claimant && options.author && (firstPerson.test(sentenceText) || !quote))
        claimant = options.author;
      if (!claimant && speechActs.has(cue.type)) {
        const subject = subjects(text, mentions, sentence[0], cueSpan[0]).at(0);
        if (subject) claimant = actorOf(subject);
      }
      const target = targetOf(text, cue, cueSpan, sentence, mentions, claimant);
      claims.push({
        type: cue.type,
        span: sentence,
        text: sentenceText,
        cue: { text: match[0], span: cueSpan },
        claimant,
        target: target ? actorOf(target) : null,
        confidence: Math.min(0.9, 0.5 + (claimant?.recordId ? 0.2 : 0) + (target ? 0.15 : 0)),
        rule: `cue:${cue.type}`,
        bearsOn: options.candidates ? suggestLinks(sentenceText, options.candidates, { limit: 3 }) : [],
      });
    }
  }
  return claims.slice(0, maxClaims);
}
