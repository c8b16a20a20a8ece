#include "redis_state/ledger_value.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "core/channel.h"
#include "core/kind.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

constexpr uint8_t kDomainKept = 1;
constexpr uint8_t kFingerprintKept = 2;

absl::string_view DomainOfSender(absl::string_view sender) {
  const size_t at = sender.rfind('@');
  return at == absl::string_view::npos ? absl::string_view() : sender.substr(at + 1);
}

}  // namespace

std::string EncodeLedgerValue(const LedgerEntry& entry) {
  std::string out;
  out.reserve(16 + entry.person_id.size() + entry.campaign.size() + entry.list.size() +
              entry.team.size() + entry.sender.size() + entry.tool.size());
  ByteWriter writer(&out);
  writer.Fixed<int32_t>(entry.minute);
  writer.Byte(static_cast<uint8_t>(entry.channel));
  writer.Byte(static_cast<uint8_t>(entry.kind));
  writer.Fixed<uint16_t>(entry.outcomes);
  const bool domain_kept = entry.domain != DomainOfSender(entry.sender);
  writer.Byte((domain_kept ? kDomainKept : 0) | (entry.fingerprint != 0 ? kFingerprintKept : 0));
  for (const std::string* text :
       {&entry.person_id, &entry.campaign, &entry.list, &entry.team, &entry.sender, &entry.tool}) {
    writer.Text(*text);
  }
  if (domain_kept) writer.Text(entry.domain);
  if (entry.fingerprint != 0) writer.Fixed<uint64_t>(entry.fingerprint);
  return out;
}

absl::StatusOr<LedgerEntry> DecodeLedgerValue(absl::string_view bytes) {
  ByteReader reader(bytes);
  LedgerEntry entry;
  const std::optional<int32_t> minute = reader.Fixed<int32_t>();
  const std::optional<uint8_t> channel = reader.Byte(), kind = reader.Byte();
  const std::optional<uint16_t> outcomes = reader.Fixed<uint16_t>();
  const std::optional<uint8_t> flags = reader.Byte();
  if (reader.failed() || *channel >= kChannelCount || *kind >= kKindCount ||
      (*flags & ~(kDomainKept | kFingerprintKept)) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("a ledger entry of ", bytes.size(), " bytes has no valid header"));
  }
  entry.minute = *minute;
  entry.channel = static_cast<Channel>(*channel);
  entry.kind = static_cast<Kind>(*kind);
  entry.outcomes = *outcomes;
  for (std::string* text :
       {&entry.person_id, &entry.campaign, &entry.list, &entry.team, &entry.sender, &entry.tool}) {
    *text = reader.Text().value_or("");
  }
  entry.domain = (*flags & kDomainKept) ? reader.Text().value_or("")
                                        : std::string(DomainOfSender(entry.sender));
  if (*flags & kFingerprintKept) entry.fingerprint = reader.Fixed<uint64_t>().value_or(0);
  if (!reader.done()) {
    return absl::InvalidArgumentError("a ledger entry is truncated or has trailing bytes");
  }
  return entry;
}

}  // namespace tact
