// Port: how many distinct people each text (its fingerprint) reached, per
// UTC day, for content.mass_template.
//
// Contract for every implementation:
//   - Counts are additive: nodes sharing them may add in any order.
//   - Forgetting may only undercount: a text is never judged by recipients
//     it did not have.
//   - The caller adds a recipient once per person and text (the person's
//     history says whether the text is new to them).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>

#include "core/minutes.h"

namespace tact {

class TemplateCounts {
 public:
  virtual ~TemplateCounts() = default;

  // Counts one more recipient of `fingerprint` (not 0) on `minute`'s day.
  virtual void Add(uint64_t fingerprint, Minute minute) = 0;
  // Recipients on the `window_days` UTC days ending with `now`'s day.
  virtual int64_t Count(uint64_t fingerprint, Minute now, int window_days) const = 0;
};

}  // namespace tact
