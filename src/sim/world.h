// The simulated company and the people it reaches: who they are (languages,
// country, time zone, interests, whether their company can use the product)
// and every touch its teams and tools propose over the simulated days, as
// real ones do: a weekly newsletter, product launches with a reminder and a
// re-send, event invitations from abroad, an SMS offer, sellers' sequences
// (scripted or researched, partly outside the ICP, each seller writing a
// hypothesis for an account before the first sequence there) and customer success
// check-ins. Deterministic for a seed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/minutes.h"
#include "core/person.h"
#include "core/touch.h"
#include "sim/model.h"

namespace tact::sim {

enum class Topic : uint8_t { kInsights, kProduct, kEvents, kSales, kService };
inline constexpr int kTopicCount = 5;

struct SimPerson {
  Person profile;  // what tact is told
  int account = 0;
  std::array<float, kTopicCount> interest{};  // 0..1, the person's latent interest
  bool needs_product = false;  // the model's truth: the company could use what sales sells
  bool customer = false;
  ReadingHours reading_hours{8, 13};  // when they read, local (model.h)
};

struct Text {
  std::string subject;
  std::string body;
  std::string language;    // declared; empty when the tool does not say
  std::string written_in;  // what it really is, for the model
};

// One team's tool with what its touches share.
struct Campaign {
  std::string name;
  std::string team;
  std::string tool;
  std::string sender;
  std::string list;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  Topic topic = Topic::kInsights;
  std::optional<EventLocation> event;
  bool scripted = false;  // sales: one script for everyone
};

// A proposed touch, compact: the Touch a tool would send is built from it.
struct SimTouch {
  Minute at = 0;
  Minute expires = 0;
  uint32_t person = 0;
  uint32_t text = 0;
  uint32_t thread = 0;  // 0: stands alone
  uint16_t campaign = 0;
  uint8_t step = 0;
  bool bump = false;    // a follow-up with nothing new
  bool repeat = false;  // the same text as an earlier touch of the campaign
};

// A seller's hypothesis for an account, written before their first
// sequence there: a researched seller's own words, a scripted seller's
// script with the company's name filled in.
struct SimHypothesis {
  Minute at = 0;
  uint32_t account = 0;
  uint32_t text = 0;  // its body is the hypothesis
  uint16_t campaign = 0;
};

struct World {
  std::vector<SimPerson> people;
  std::vector<std::shared_ptr<const Account>> accounts;
  std::vector<Campaign> campaigns;
  std::vector<Text> texts;
  std::vector<SimTouch> touches;          // in time order
  std::vector<SimHypothesis> hypotheses;  // in time order
  Minute start = 0;
  int days = 0;
};

struct WorldSpec {
  int people = 20000;
  int days = 90;
  uint64_t seed = 1;
};

World BuildWorld(const WorldSpec& spec);

// The request a tool would make for `touch` (its id is `index` in the stream).
void FillTouch(const World& world, const SimTouch& touch, Touch* out);

}  // namespace tact::sim
