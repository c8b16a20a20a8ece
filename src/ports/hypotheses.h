// Port: sellers' hypotheses for accounts (POST /v1/accounts/{id}/hypotheses).
// Before a cold touch, brief.hypothesis asks for its sender's latest one for
// the person's account; when one is written, the Governor asks for those
// whose fingerprint is near its own, to tell own words from a copy.
//
// Contract for every implementation:
//   - Add keeps a hypothesis and gives it a new id (never 0, never reused);
//     it is durable as ports/persistence.h says once its mark is.
//   - Latest returns the one for the account and seller written last (the
//     higher id on a tie); ForAccount the account's, the latest written
//     first.
//   - NearestOther returns, of the hypotheses whose fingerprint is at most
//     `max_distance` bits from the one given (content/fingerprint.h; 0 is
//     near nothing), the nearest one that `seller` did not write for
//     `account_id` (the earliest written, the lowest id, on a tie); none
//     when there is none. It reads one hypothesis however many are near, so
//     a script pasted for thousands of accounts costs what one does.
//   - What they return is a copy as added; hypotheses are never changed.
//     A seller with a new view writes a new one.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/hypothesis.h"

namespace tact {

struct Hypothesis {
  uint64_t id = 0;  // shown as "hy_" and 16 hex digits
  std::string account_id;
  std::string seller;  // as touches name their sender
  std::string team;    // may be empty
  std::string text;
  std::vector<std::string> signals;  // the brief's signal ids it cites
  std::string evidence;              // the seller's own evidence; may be empty
  absl::Time written;
  uint64_t fingerprint = 0;  // SimHash of the text's masked words
  int words = 0;
  Originality originality = Originality::kOwnWords;
  // For a copy: the share of the text found in the brief (kBriefCopy), or
  // the hypothesis it is near (kOtherAccountCopy, kOtherSellerCopy).
  double copied_share = 0;
  uint64_t copy_of = 0;

  HypothesisStanding standing() const {
    return {ToMinute(written), words, originality, copied_share};
  }
};

// "hy_" and 16 lowercase hex digits; ParseHypothesisId reads it back
// (nullopt when it is not one).
std::string HypothesisIdText(uint64_t id);
std::optional<uint64_t> ParseHypothesisId(absl::string_view text);

class Hypotheses {
 public:
  virtual ~Hypotheses() = default;

  // Keeps `hypothesis` (its id is ignored); the id it was given. The
  // state's errors.
  virtual absl::StatusOr<uint64_t> Add(const Hypothesis& hypothesis) = 0;
  virtual absl::StatusOr<std::optional<Hypothesis>> Latest(absl::string_view account_id,
                                                           absl::string_view seller) const = 0;
  // At most `limit`, the latest written first.
  virtual absl::StatusOr<std::vector<Hypothesis>> ForAccount(absl::string_view account_id,
                                                             size_t limit) const = 0;
  virtual absl::StatusOr<std::optional<Hypothesis>> NearestOther(
      uint64_t fingerprint, int max_distance, absl::string_view account_id,
      absl::string_view seller) const = 0;
};

}  // namespace tact
