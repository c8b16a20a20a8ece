// How much of a text is taken from another: the share of its word trigrams
// (over masked words, content/text.h, so that a copy with another company's
// name or other figures in it still counts) that also occur in the source.
// SimHash (content/fingerprint.h) tells whether two texts are the same text;
// this tells whether one text is mostly pasted from a longer one, such as a
// seller's hypothesis from the account's brief.
//
// Thread safety: reentrant.
#pragma once

#include <span>
#include <string>

namespace tact {

// In [0, 1]: 0 for a text without words. A text shorter than three words is
// judged by its words instead of trigrams.
double CopiedShare(std::span<const std::string> text, std::span<const std::string> source);

}  // namespace tact
