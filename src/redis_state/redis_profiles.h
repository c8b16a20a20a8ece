// People's and accounts' profiles (ports/profile_store.h) on a Redis
// Cluster. A person's profile is a versioned value in their slot
// (redis_state/redis_format.h), changed by compare-and-set, so two nodes
// changing one person never lose either change. An account is one plain
// value. The address index ({X}x:<address> -> person id) is updated after
// the profile: a crash between them leaves an address pointing at the
// person it last belonged to until their next change.
//
// Reads go to the cluster every time (no cache): a PUT acknowledged by one
// node is what every node reads next. A person's profile is read together
// with their history record (one script in their slot), which primes
// `records`, so a decision reads the person once and then writes.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include "ports/profile_store.h"
#include "redis/cluster_client.h"
#include "redis_state/person_records.h"
#include "redis_state/versioned_values.h"

namespace tact {

// A stored profile ("": none, nullptr) and a stored account; DataLoss
// naming the id when it does not decode.
absl::StatusOr<std::shared_ptr<const Person>> DecodeProfileRecord(absl::string_view id,
                                                                  absl::string_view record);
absl::StatusOr<std::shared_ptr<const Account>> DecodeAccountValue(absl::string_view id,
                                                                  absl::string_view value);

class RedisProfiles final : public ProfileStore {
 public:
  // Compare-and-set attempts per change before it gives up (Aborted):
  // enough that four writers hammering one profile all get through.
  static constexpr int kMaxAttempts = 64;

  // `records` gets each history record read with a profile; both must
  // outlive this.
  RedisProfiles(redis::ClusterClient& client, PersonRecords& records);

  absl::StatusOr<std::shared_ptr<const Person>> FindPerson(absl::string_view id) const override;
  // One read script per person, pipelined: one round trip per master.
  absl::StatusOr<std::vector<std::shared_ptr<const Person>>> FindPeople(
      absl::Span<const std::string> ids) const override;
  absl::StatusOr<std::shared_ptr<const Account>> FindAccount(absl::string_view id) const override;
  // One GET per account, pipelined: one round trip per master.
  absl::StatusOr<std::vector<std::shared_ptr<const Account>>> FindAccounts(
      absl::Span<const std::string> ids) const override;
  absl::StatusOr<std::string> PersonWithAddress(absl::string_view address) const override;
  absl::StatusOr<bool> PutPerson(
      Person person, absl::FunctionRef<void(const Person* before, Person& after)> merge) override;
  absl::Status UpdatePerson(absl::string_view id, absl::FunctionRef<void(Person&)> change) override;
  absl::StatusOr<bool> PutAccount(Account account) override;
  // From the counters; zeros when the cluster does not answer.
  ProfileCounts Counts() const override;

 private:
  // Runs `change` on the person's profile (nullptr when new) and stores the
  // person it fills in, by compare-and-set; true when the person was new.
  absl::StatusOr<bool> Change(absl::string_view id,
                              absl::FunctionRef<void(const Person* before, Person& after)> change);
  // Points the addresses of `after` at them and frees those `before` had.
  absl::Status IndexAddresses(const Person* before, const Person& after);

  redis::ClusterClient& client_;
  PersonRecords& records_;
  mutable VersionedValues values_;
  const redis::Script release_address_;
  const redis::Script read_person_;
};

}  // namespace tact
