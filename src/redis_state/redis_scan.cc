#include "redis_state/redis_scan.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "redis/slot.h"
#include "redis_state/ledger_value.h"
#include "redis_state/person_records.h"
#include "redis_state/redis_format.h"
#include "redis_state/redis_profiles.h"

namespace tact {
namespace {

constexpr char kScanBatch[] = "1000";

// "{T}p:<id>" → 'p' and the id, "{T}H" → 'H' and ""; nul for a key of
// anything else.
std::pair<char, absl::string_view> KindOf(absl::string_view key) {
  const size_t tag_end = key.find('}');
  if (key.empty() || key[0] != '{' || tag_end == absl::string_view::npos ||
      key.size() < tag_end + 2) {
    return {'\0', {}};
  }
  const char kind = key[tag_end + 1];
  if (key.size() == tag_end + 2) return {kind == 'H' ? kind : '\0', {}};
  if (key[tag_end + 2] != ':') return {'\0', {}};
  return {kind, key.substr(tag_end + 3)};
}

bool Wanted(char kind, const TouchLedger* ledger) {
  return kind == 'H' || kind == 'p' || kind == 'a' || (kind == 'L' && ledger != nullptr);
}

// The entries of one ledger bucket, `fields` its HGETALL.
absl::Status TakeTouches(absl::string_view key, absl::string_view bucket,
                         const std::vector<redis::Reply>& fields, TouchLedger& ledger,
                         ScannedState& scanned) {
  for (size_t f = 0; f + 1 < fields.size(); f += 2) {
    const uint64_t id =
        redis_format::TouchIdOfLedgerEntry(redis::SlotOf(key), bucket, fields[f].text);
    if (id == 0) {
      return absl::DataLossError(
          absl::StrCat("redis: '", fields[f].text, "' of '", key, "' is not a ledger entry"));
    }
    absl::StatusOr<LedgerEntry> entry = DecodeLedgerValue(fields[f + 1].text);
    if (!entry.ok()) {
      return absl::DataLossError(absl::StrCat("redis: the ledger entry of touch ",
                                              FormatTouchId(id),
                                              " does not decode: ", entry.status().message()));
    }
    if (absl::Status added = ledger.Add(id, *std::move(entry), kNever); !added.ok()) return added;
    ++scanned.touches;
  }
  return absl::OkStatus();
}

// The people's records of one slot, `fields` its HGETALL.
absl::Status TakeHistories(const std::vector<redis::Reply>& fields, Store& histories,
                           ScannedState& scanned) {
  for (size_t f = 0; f + 1 < fields.size(); f += 2) {
    const std::string& id = fields[f].text;
    absl::StatusOr<History> history = DecodeHistoryRecord(id, fields[f + 1].text);
    if (!history.ok()) return history.status();
    absl::Status put = histories.Apply(id, [&](History& kept) -> std::optional<LedgerWrite> {
      kept = *history;
      return std::nullopt;
    });
    if (!put.ok()) return put;
    ++scanned.histories;
  }
  return absl::OkStatus();
}

// Reads the values of one SCAN batch's keys and puts them in place.
absl::Status Take(redis::ClusterClient& client, const std::vector<std::string>& keys,
                  Store& histories, ProfileStore& profiles, TouchLedger* ledger,
                  ScannedState& scanned) {
  std::vector<redis::Command> reads;
  for (const std::string& key : keys) {
    const char kind = KindOf(key).first;
    reads.push_back({key, {kind == 'H' || kind == 'L' ? "HGETALL" : "GET", key}});
  }
  std::vector<absl::StatusOr<redis::Reply>> values = client.RunAll(reads);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!values[i].ok()) return values[i].status();
    if (absl::Status error = values[i]->ErrorStatus(reads[i].words[0]); !error.ok()) return error;
    if (values[i]->is_nil()) continue;  // gone since the scan saw it
    const auto [kind, id] = KindOf(keys[i]);
    const std::string& value = values[i]->text;
    if (kind == 'H') {
      if (absl::Status taken = TakeHistories(values[i]->elements, histories, scanned);
          !taken.ok()) {
        return taken;
      }
    } else if (kind == 'p') {
      auto person = DecodeProfileRecord(id, value);
      if (!person.ok()) return person.status();
      if (*person == nullptr) continue;  // an empty value: no profile
      auto put = profiles.PutPerson(**person, [](const Person*, Person&) {});
      if (!put.ok()) return put.status();
      ++scanned.people;
    } else if (kind == 'L' && ledger != nullptr) {
      if (absl::Status taken = TakeTouches(keys[i], id, values[i]->elements, *ledger, scanned);
          !taken.ok()) {
        return taken;
      }
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
        if (Wanted(KindOf(key.text).first, ledger)) keys.push_back(key.text);
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
