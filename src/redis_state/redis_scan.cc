#include "redis_state/redis_scan.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "redis_state/person_records.h"
#include "redis_state/redis_profiles.h"
#include "store/ledger_codec.h"

namespace tact {
namespace {

constexpr char kScanBatch[] = "1000";

// "{T}h:<id>" → 'h' and the id; nul for a key of anything else.
std::pair<char, absl::string_view> KindOf(absl::string_view key) {
  const size_t tag_end = key.find('}');
  if (key.empty() || key[0] != '{' || tag_end == absl::string_view::npos ||
      key.size() < tag_end + 3 || key[tag_end + 2] != ':') {
    return {'\0', {}};
  }
  return {key[tag_end + 1], key.substr(tag_end + 3)};
}

// Reads the values of one SCAN batch's keys and puts them in place.
// A ledger entry's key's touch id ("{T}l:<16 hex digits>").
absl::StatusOr<uint64_t> TouchIdOf(absl::string_view hex) {
  uint64_t id = 0;
  if (hex.size() != 16 || !absl::SimpleHexAtoi(hex, &id)) {
    return absl::DataLossError(absl::StrCat("redis: '", hex, "' is not a touch id"));
  }
  return id;
}

absl::Status TakeTouch(absl::string_view hex, absl::string_view value, TouchLedger& ledger) {
  absl::StatusOr<uint64_t> id = TouchIdOf(hex);
  if (!id.ok()) return id.status();
  absl::StatusOr<LedgerEntry> entry = DecodeLedgerEntry(value);
  if (!entry.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the ledger entry of touch ", hex,
                                            " does not decode: ", entry.status().message()));
  }
  return ledger.Add(*id, *std::move(entry), kNever);
}

absl::Status Take(redis::ClusterClient& client, const std::vector<std::string>& keys,
                  Store& histories, ProfileStore& profiles, TouchLedger* ledger,
                  ScannedState& scanned) {
  std::vector<redis::Command> reads;
  for (const std::string& key : keys) reads.push_back({key, {"GET", key}});
  std::vector<absl::StatusOr<redis::Reply>> values = client.RunAll(reads);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!values[i].ok()) return values[i].status();
    if (absl::Status error = values[i]->ErrorStatus("GET"); !error.ok()) return error;
    if (values[i]->is_nil()) continue;  // gone since the scan saw it
    const auto [kind, id] = KindOf(keys[i]);
    const std::string& value = values[i]->text;
    if (kind == 'h') {
      absl::StatusOr<History> history = DecodeHistoryRecord(id, value);
      if (!history.ok()) return history.status();
      absl::Status put = histories.Apply(id, [&](History& kept) -> std::optional<LedgerWrite> {
        kept = *history;
        return std::nullopt;
      });
      if (!put.ok()) return put;
      ++scanned.histories;
    } else if (kind == 'p') {
      auto person = DecodeProfileRecord(id, value);
      if (!person.ok()) return person.status();
      if (*person == nullptr) continue;  // an empty value: no profile
      auto put = profiles.PutPerson(**person, [](const Person*, Person&) {});
      if (!put.ok()) return put.status();
      ++scanned.people;
    } else if (kind == 'l' && ledger != nullptr) {
      if (absl::Status taken = TakeTouch(id, value, *ledger); !taken.ok()) return taken;
      ++scanned.touches;
    } else if (kind == 'a') {
      auto account = DecodeAccountValue(id, value);
      if (!account.ok()) return account.status();
      auto put = profiles.PutAccount(**account);
      if (!put.ok()) return put.status();
      ++scanned.accounts;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ScannedState> ScanInto(redis::ClusterClient& client, Store& histories,
                                      ProfileStore& profiles, TouchLedger* ledger) {
  ScannedState scanned;
  for (const redis::Endpoint& master : client.slot_map()->masters()) {
    std::string cursor = "0";
    do {
      absl::StatusOr<redis::Reply> batch =
          client.RunOn(master, {"SCAN", cursor, "COUNT", kScanBatch});
      if (!batch.ok()) return batch.status();
      if (absl::Status error = batch->ErrorStatus("SCAN"); !error.ok()) return error;
      if (batch->elements.size() != 2) return absl::InternalError("redis: SCAN answered no pair");
      cursor = batch->elements[0].text;
      std::vector<std::string> keys;
      for (const redis::Reply& key : batch->elements[1].elements) {
        const char kind = KindOf(key.text).first;
        if (kind == 'h' || kind == 'p' || kind == 'a' || (kind == 'l' && ledger != nullptr)) {
          keys.push_back(key.text);
        }
      }
      if (absl::Status taken = Take(client, keys, histories, profiles, ledger, scanned);
          !taken.ok()) {
        return taken;
      }
    } while (cursor != "0");
  }
  return scanned;
}

}  // namespace tact
