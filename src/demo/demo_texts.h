// The words of the demo's touches: newsletters, a launch and its "did you
// see this?" reminder, a German summit invitation, cold openers (one script
// blasted by some sellers, written for the account by others) and their
// follow-ups, and sellers' hypotheses for an account. Written so that the content gates have
// something real to read.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tact::demo {

std::string Newsletter(int week);
absl::string_view LaunchAnnouncement();
absl::string_view LaunchReminder();    // a bump: nothing new
absl::string_view SummitInvitation();  // German, no declared language

// A cold opener. `scripted`: the seller's one script with the name and
// company filled in; otherwise written for the account from what the seller
// found out (`variant` picks the observations).
std::string ColdOpener(bool scripted, absl::string_view first_name, absl::string_view company,
                       absl::string_view industry, uint64_t variant);
absl::string_view ColdBump();                            // step 2: "just checking in"
std::string ColdCaseStudy(absl::string_view industry);   // step 3: something new
std::string ColdRoundtable(absl::string_view industry);  // another new thing
absl::string_view ColdLastBump();                        // step 4: "did you see my last email?"
// A seller's hypothesis for an account, written from their own research:
// seven parts (what they found, what it likely means, who feels it, why
// now, what could change, what they do not know, what they would ask),
// each picked by `variant`. Different variants below 10^7 never give the
// same text.
std::string ResearchedHypothesis(uint64_t variant);
// The one script a scripted seller pastes as the hypothesis for every
// account, with the company's name filled in.
std::string ScriptedHypothesis(absl::string_view company);
std::string CheckIn(absl::string_view first_name);
std::string Receipt(int amount_cents);

}  // namespace tact::demo
