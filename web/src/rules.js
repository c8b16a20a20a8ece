// What each rule id means, in a sentence a marketing lead reads: the mirror
// counts decisions by rule id, and shows both.
const SENTENCES = [
  ['consent.', 'no consent for the channel (an opt-out, or an opt-in the law asks for)'],
  ['address.', "the address bounced or the person left the list"],
  ['preference.', "the person's own choices (frequency, channels, topics, a break)"],
  ['health.', 'the account has an open escalation or a missed commitment'],
  ['icp.', 'the company is not a fit for a cold touch'],
  ['relevance.language', 'in a language the person does not read'],
  ['relevance.region', 'an event too far from the person'],
  ['followup.unanswered', 'a follow-up to follow-ups nobody answered'],
  ['followup.gap', 'a follow-up too soon after the last step'],
  ['content.repeat', 'the same text again'],
  ['content.bump', 'a "just checking in" with nothing new'],
  ['content.mass_template', 'one text sent to too many people'],
  ['brief.hypothesis', "a cold touch without the seller's own hypothesis for the account"],
  ['budget.', 'the person already had as many touches as the budget allows in its window'],
  ['priority.reserve', "the kind's share of the budget was used; the rest is kept for more important touches"],
  ['gap.', 'too soon after the last touch'],
  ['sender.', 'the same sender reached the person too recently'],
  ['engagement.dormant', 'the person stopped engaging: only a few touches a month'],
  ['reputation.complaints', "the campaign's or domain's complaint rate is over the limit (over the guard's own window, not this range)"],
  ['quiet_hours', "the person's evening, night, weekend or a public holiday"],
  ['control.holdout', 'the person is in a control group'],
  ['max_delay', 'it would have waited longer than its kind may'],
  ['expires', 'it would have gone after it expires'],
  ['on_limit.drop', 'the tool asked to drop it rather than wait'],
  ['send_time.best', 'it waits for when the person most likely reads'],
  ['state.unavailable', 'tact could not reach its state in time'],
  ['schedule.none', 'no time satisfies every rule'],
];

export function ruleSentence(rule) {
  for (const [prefix, sentence] of SENTENCES) if (rule === prefix || rule.startsWith(prefix)) return sentence;
  return 'a rule of the policy';
}
