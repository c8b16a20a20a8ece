#include "store/ledger_codec.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "core/channel.h"
#include "core/kind.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

void PutString(std::string* out, absl::string_view text) {
  const uint16_t size = static_cast<uint16_t>(std::min<size_t>(text.size(), 0xffff));
  out->append(reinterpret_cast<const char*>(&size), sizeof(size));
  out->append(text.data(), size);
}

bool GetString(absl::string_view* bytes, std::string* text) {
  uint16_t size;
  if (bytes->size() < sizeof(size)) return false;
  std::memcpy(&size, bytes->data(), sizeof(size));
  bytes->remove_prefix(sizeof(size));
  if (bytes->size() < size) return false;
  text->assign(bytes->data(), size);
  bytes->remove_prefix(size);
  return true;
}

constexpr size_t kFixedBytes = sizeof(Minute) + 2 + sizeof(uint16_t);

}  // namespace

// Layout: minute (4), channel (1), kind (1), outcomes (2), then person id,
// campaign, domain and list, each as a 2-byte length and its bytes.
std::string EncodeLedgerEntry(const LedgerEntry& entry) {
  std::string out(kFixedBytes, '\0');
  std::memcpy(out.data(), &entry.minute, sizeof(Minute));
  out[4] = static_cast<char>(entry.channel);
  out[5] = static_cast<char>(entry.kind);
  std::memcpy(out.data() + 6, &entry.outcomes, sizeof(uint16_t));
  PutString(&out, entry.person_id);
  PutString(&out, entry.campaign);
  PutString(&out, entry.domain);
  PutString(&out, entry.list);
  out.append(reinterpret_cast<const char*>(&entry.fingerprint), sizeof(uint64_t));
  PutString(&out, entry.team);
  PutString(&out, entry.sender);
  PutString(&out, entry.tool);
  return out;
}

absl::StatusOr<LedgerEntry> DecodeLedgerEntry(absl::string_view bytes) {
  LedgerEntry entry;
  if (bytes.size() < kFixedBytes || static_cast<uint8_t>(bytes[4]) >= kChannelCount ||
      static_cast<uint8_t>(bytes[5]) >= kKindCount) {
    return absl::InvalidArgumentError(
        absl::StrCat("a stored touch of ", bytes.size(), " bytes has no valid header"));
  }
  std::memcpy(&entry.minute, bytes.data(), sizeof(Minute));
  entry.channel = static_cast<Channel>(bytes[4]);
  entry.kind = static_cast<Kind>(bytes[5]);
  std::memcpy(&entry.outcomes, bytes.data() + 6, sizeof(uint16_t));
  bytes.remove_prefix(kFixedBytes);
  const auto truncated = [] {
    return absl::InvalidArgumentError("a stored touch is truncated or has trailing bytes");
  };
  if (!GetString(&bytes, &entry.person_id) || !GetString(&bytes, &entry.campaign) ||
      !GetString(&bytes, &entry.domain) || !GetString(&bytes, &entry.list) ||
      (bytes.size() != 0 && bytes.size() < sizeof(uint64_t))) {
    return truncated();
  }
  // Entries written before texts were fingerprinted end here.
  if (bytes.empty()) return entry;
  std::memcpy(&entry.fingerprint, bytes.data(), sizeof(uint64_t));
  bytes.remove_prefix(sizeof(uint64_t));
  // Entries written before the mirror end here.
  if (bytes.empty()) return entry;
  if (!GetString(&bytes, &entry.team) || !GetString(&bytes, &entry.sender) ||
      !GetString(&bytes, &entry.tool) || !bytes.empty()) {
    return truncated();
  }
  return entry;
}

std::string TouchKey(uint64_t id) {
  // Big-endian, so keys sort by id.
  std::string key(8, '\0');
  for (int byte = 0; byte < 8; ++byte) key[byte] = static_cast<char>(id >> (56 - 8 * byte));
  return key;
}

uint64_t TouchIdOfKey(absl::string_view key) {
  uint64_t id = 0;
  for (char byte : key) id = (id << 8) | static_cast<uint8_t>(byte);
  return id;
}

}  // namespace tact
