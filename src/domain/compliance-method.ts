/**
 * The compliance index method in words. The app shows it beside every index; docs/COMPLIANCE.md
 * repeats it with a worked example. Change the two together, and the code with them.
 */
export const complianceMethod = `Compliance index: method (reproducible from the exported JSON: records.commitments, records.provisions, records.assessments)

1. Pairs. Each commitment is scored once per obligor party (obligorPartyIds): a commitment with two
   obligors gives two pairs, each judged and scored on its own.
2. What counts as of a date D. Confirmed assessments (reviewState "published") of the pair dated on or
   before D (asOf <= D). Of these, any assessment that another of these supersedes (supersedesId) is
   dropped, whatever the two dates: a correction replaces what it corrects from its own as-of date on,
   even when it is dated earlier. Nothing dated after D and nothing unconfirmed changes the index on D.
   A correction judges the same commitment and party: a supersedesId naming an assessment of another
   pair has no effect.
3. Current level. Of what counts, the assessment with the latest asOf; on the same asOf the later
   createdAt, then the larger id (both compared as plain text). A pair with none is "not yet assessed".
4. Score = level / 3: 0 not initiated = 0, 1 minimal = 1/3, 2 intermediate = 2/3, 3 full = 1.
   "Not applicable" (level null) leaves the pair out of the index. A pair not yet assessed is left out
   too and counted apart: it is never scored as 0.
5. Index of a group = 100 x sum(weight x score) / sum(weight) over the group's scored pairs; the weight
   is 1 unless the query sets one per commitment or per pair. Nothing is rounded on the way; the index
   is shown rounded half up to one decimal. A group with no scored pair has no index (null, shown as
   "-"), never 0.
   Groups: party = the obligor; category = each of the commitment's categories (a commitment in two
   categories counts fully in both; none: "uncategorised"); agreement = the agreement of the
   commitment's provision ("none" for commitments from meetings); process.
6. Due date on D. Absolute deadline: its date. Recurring: the latest firstDate + k x everyDays on or
   before D (before the first one: firstDate). Relative to another commitment whose deadline is
   absolute: that date + offsetDays; relative to anything else (an event in words, a commitment whose
   deadline is not absolute or that is not in the data): unresolved, never overdue. None: never overdue.
7. Overdue. A pair is overdue on D when its due date is before D (a deadline of 15 November is met on
   15 November and overdue from 16 November) and it is assessed below full (current level 0, 1 or 2).
   A pair whose due date has passed but that nobody has assessed yet is not called overdue, since
   nothing shows the deadline was missed: it is counted apart as "deadline passed, not assessed". A pair
   currently "not applicable" is neither. Overdue pairs are counted and listed, and scored by their level
   like any other pair: lateness is not penalised a second time.
8. Reversal. A pair is reversed on D when its current level is lower than the highest level among its
   earlier assessments that count on D (point 2); it is reported from that highest level to the current.
`;
