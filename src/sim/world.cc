#include "sim/world.h"

#include <algorithm>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "content/region.h"
#include "demo/demo_texts.h"

namespace tact::sim {
namespace {

struct Country {
  const char* code;
  const char* zone;
  double lat;
  double lon;
  const char* language;
  double also_english;  // share who read English as well
  double weight;
  ReadingHabits habits;  // when its people read first (model.h)
};

// Where the company's contacts are: mostly North America and Europe. When
// they read first is an assumption (docs/simulation.md): earlier in the
// north of Europe, the US and Australia, later in the south and in Brazil.
constexpr Country kCountries[] = {
    {"US", "America/New_York", 40.7, -74.0, "en", 1.0, 30, {0.55, 0.30}},
    {"GB", "Europe/London", 51.5, -0.1, "en", 1.0, 12, {0.55, 0.30}},
    {"DE", "Europe/Berlin", 52.5, 13.4, "de", 0.6, 14, {0.60, 0.25}},
    {"FR", "Europe/Paris", 48.9, 2.35, "fr", 0.4, 8, {0.35, 0.40}},
    {"NL", "Europe/Amsterdam", 52.4, 4.9, "nl", 0.9, 5, {0.60, 0.25}},
    {"ES", "Europe/Madrid", 40.4, -3.7, "es", 0.4, 5, {0.25, 0.45}},
    {"BR", "America/Sao_Paulo", -23.5, -46.6, "pt", 0.3, 8, {0.30, 0.45}},
    {"JP", "Asia/Tokyo", 35.7, 139.7, "ja", 0.3, 6, {0.50, 0.35}},
    {"IN", "Asia/Kolkata", 19.0, 72.8, "en", 1.0, 7, {0.40, 0.40}},
    {"AU", "Australia/Sydney", -33.9, 151.2, "en", 1.0, 5, {0.60, 0.25}},
};

constexpr const char* kIndustries[] = {"software", "logistics", "manufacturing", "retail",
                                       "education"};
// What the product is for (the model's truth, which a policy's ICP may or
// may not capture).
bool CanUseProduct(const Account& account) {
  const bool industry = account.industry == "logistics" || account.industry == "manufacturing" ||
                        account.industry == "software";
  return industry && account.employees && *account.employees >= 100;
}

constexpr Minute kDay = 24 * 60;

class Builder {
 public:
  Builder(const WorldSpec& spec, World* world) : spec_(spec), world_(*world), random_(spec.seed) {}

  void Build() {
    world_.start = ToMinute(absl::FromCivil(absl::CivilDay(2027, 1, 4), absl::UTCTimeZone()));
    world_.days = spec_.days;
    MakeAccounts();
    MakePeople();
    world_.accounts.assign(accounts_.begin(), accounts_.end());
    Newsletter();
    Launches();
    Events();
    SmsOffers();
    Sales();
    CustomerSuccess();
    std::stable_sort(world_.touches.begin(), world_.touches.end(),
                     [](const SimTouch& a, const SimTouch& b) { return a.at < b.at; });
    std::stable_sort(world_.hypotheses.begin(), world_.hypotheses.end(),
                     [](const SimHypothesis& a, const SimHypothesis& b) { return a.at < b.at; });
  }

 private:
  double Unit() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  bool Chance(double p) { return Unit() < p; }
  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  // Interest: most people care a little about most topics, a few a lot.
  float Interest() {
    std::gamma_distribution<double> a(2.0, 1.0), b(5.0, 1.0);
    const double x = a(random_), y = b(random_);
    return static_cast<float>(x / (x + y));
  }

  uint16_t AddCampaign(Campaign campaign) {
    world_.campaigns.push_back(std::move(campaign));
    return static_cast<uint16_t>(world_.campaigns.size() - 1);
  }
  uint32_t AddText(std::string subject, std::string body, std::string language,
                   std::string written_in) {
    world_.texts.push_back(
        Text{std::move(subject), std::move(body), std::move(language), std::move(written_in)});
    return static_cast<uint32_t>(world_.texts.size() - 1);
  }
  // Local hour `hour` on `day` for the person, as a minute in UTC.
  Minute LocalAt(const SimPerson& person, int day, int hour) const {
    const Minute local = world_.start + day * kDay + hour * 60;
    return person.profile.clock ? person.profile.clock->FromLocal(local, 0) : local;
  }
  void Add(SimTouch touch) {
    if (touch.at < world_.start || touch.at >= world_.start + world_.days * kDay) return;
    world_.touches.push_back(touch);
  }

  void MakeAccounts() {
    const int count = std::max(1, spec_.people / 8);
    std::lognormal_distribution<double> employees(5.0, 1.6);  // median ≈ 150
    for (int index = 0; index < count; ++index) {
      auto account = std::make_shared<Account>();
      account->id = absl::StrFormat("a-%06d", index);
      account->industry = kIndustries[Below(std::size(kIndustries))];
      account->employees = std::round(std::min(200000.0, 1 + employees(random_)));
      accounts_.push_back(std::move(account));
    }
  }

  void MakePeople() {
    std::vector<double> weights;
    for (const Country& country : kCountries) weights.push_back(country.weight);
    std::discrete_distribution<int> countries(weights.begin(), weights.end());
    world_.people.resize(spec_.people);
    for (int index = 0; index < spec_.people; ++index) {
      SimPerson& person = world_.people[index];
      const Country& country = kCountries[countries(random_)];
      person.account = Below(static_cast<int>(accounts_.size()));
      // An account's people are in its country.
      Account& account = *accounts_[person.account];
      if (account.country.empty()) account.country = country.code;
      Person& profile = person.profile;
      profile.id = absl::StrFormat("p-%06d", index);
      profile.account_id = account.id;
      profile.country = country.code;
      profile.clock = LocalClock::ForZone(country.zone).value_or(nullptr);
      profile.languages.push_back(country.language);
      if (std::string(country.language) != "en" && Chance(country.also_english)) {
        profile.languages.push_back("en");
      }
      profile.location = GeoPoint{country.lat + Unit() - 0.5, country.lon + Unit() - 0.5};
      profile.email = absl::StrCat(profile.id, "@example.com");
      profile.consent[static_cast<int>(Channel::kEmail)] = Consent::kOptedIn;
      profile.consent[static_cast<int>(Channel::kSms)] =
          Chance(0.3) ? Consent::kOptedIn : Consent::kUnknown;
      for (float& interest : person.interest) interest = Interest();
      person.needs_product = CanUseProduct(account);
      person.customer = person.needs_product && Chance(0.25);
      if (person.needs_product) {
        person.interest[static_cast<int>(Topic::kProduct)] =
            std::max(person.interest[static_cast<int>(Topic::kProduct)], 0.5f);
        person.interest[static_cast<int>(Topic::kSales)] =
            std::max(person.interest[static_cast<int>(Topic::kSales)], 0.4f);
      }
      if (person.customer) person.interest[static_cast<int>(Topic::kService)] = 0.9f;
      // Drawn apart from the world's stream, so that the rest of the world
      // is what it was before people had reading hours.
      person.reading_hours = DrawReadingHours(spec_.seed, index, country.habits);
    }
  }

  // Marketing: a weekly newsletter to the 70 % who subscribed, Tuesday 10:00
  // UTC for everyone (the tool does not know time zones).
  void Newsletter() {
    const uint16_t campaign = AddCampaign({.name = "newsletter",
                                           .team = "marketing",
                                           .tool = "hubspot",
                                           .sender = "newsletter@acme.example",
                                           .list = "newsletter",
                                           .topic = Topic::kInsights});
    std::vector<uint32_t> subscribers;
    for (uint32_t index = 0; index < world_.people.size(); ++index) {
      if (Chance(0.7)) subscribers.push_back(index);
    }
    for (int week = 0; week * 7 < spec_.days; ++week) {
      const uint32_t text =
          AddText(absl::StrCat("Acme weekly #", week + 1, ": what shipped, what's next"),
                  demo::Newsletter(week), "en", "en");
      for (uint32_t person : subscribers) {
        Add({.at = world_.start + (week * 7 + 1) * kDay + 10 * 60,
             .expires = world_.start + (week * 7 + 4) * kDay,
             .person = person,
             .text = text,
             .campaign = campaign});
      }
    }
  }

  // Product marketing, every four weeks: a launch to everyone, a "did you
  // see this?" reminder two days later in the same thread, and the launch
  // again, unchanged, a week later.
  void Launches() {
    const uint16_t campaign = AddCampaign({.name = "launch",
                                           .team = "product-marketing",
                                           .tool = "marketo",
                                           .sender = "product@acme.example",
                                           .topic = Topic::kProduct});
    const uint32_t announcement =
        AddText("Meet Acme Routing", std::string(demo::LaunchAnnouncement()), "en", "en");
    const uint32_t reminder =
        AddText("Re: Meet Acme Routing", std::string(demo::LaunchReminder()), "en", "en");
    uint32_t thread = 1'000'000;
    for (int day = 2; day < spec_.days; day += 28) {
      ++thread;
      for (uint32_t person = 0; person < world_.people.size(); ++person) {
        const SimPerson& who = world_.people[person];
        const Minute at = LocalAt(who, day, 9);
        Add({.at = at,
             .expires = at + 2 * kDay,
             .person = person,
             .text = announcement,
             .thread = thread,
             .campaign = campaign,
             .step = 1});
        Add({.at = at + 2 * kDay,
             .expires = at + 4 * kDay,
             .person = person,
             .text = reminder,
             .thread = thread,
             .campaign = campaign,
             .step = 2,
             .bump = true});
        Add({.at = at + 7 * kDay,
             .expires = at + 9 * kDay,
             .person = person,
             .text = announcement,
             .campaign = campaign,
             .repeat = true});
      }
    }
  }

  // Field marketing, every three weeks: an invitation to a summit in Berlin,
  // in German without a declared language, sent to everyone, and a reminder
  // a week later.
  void Events() {
    const uint16_t campaign = AddCampaign({.name = "summit-berlin",
                                           .team = "field-marketing",
                                           .tool = "eventbrite",
                                           .sender = "events@acme.example",
                                           .topic = Topic::kEvents,
                                           .event = EventLocation{"DE", GeoPoint{52.52, 13.40}}});
    const uint32_t invitation =
        AddText("Acme Summit Berlin", std::string(demo::SummitInvitation()), "", "de");
    for (int day = 8; day < spec_.days; day += 21) {
      for (uint32_t person = 0; person < world_.people.size(); ++person) {
        const Minute at = world_.start + day * kDay + 8 * 60;
        Add({.at = at,
             .expires = at + 3 * kDay,
             .person = person,
             .text = invitation,
             .campaign = campaign});
        Add({.at = at + 7 * kDay,
             .expires = at + 9 * kDay,
             .person = person,
             .text = invitation,
             .campaign = campaign,
             .repeat = true});
      }
    }
  }

  // Growth: a monthly SMS offer at 19:30 UTC (night or dawn for many).
  void SmsOffers() {
    const uint16_t campaign = AddCampaign({.name = "sms-offer",
                                           .team = "growth",
                                           .tool = "twilio",
                                           .sender = "acme-sms",
                                           .channel = Channel::kSms,
                                           .topic = Topic::kProduct});
    const uint32_t text =
        AddText("", "Acme: 20% off Acme Pro this week with code SPRING. Reply STOP to opt out.",
                "en", "en");
    for (int day = 12; day < spec_.days; day += 30) {
      for (uint32_t person = 0; person < world_.people.size(); ++person) {
        if (world_.people[person].profile.ConsentFor(Channel::kSms) != Consent::kOptedIn) continue;
        const Minute at = world_.start + day * kDay + 19 * 60 + 30;
        Add({.at = at, .expires = at + kDay, .person = person, .text = text, .campaign = campaign});
      }
    }
  }

  // Sales: twelve sellers each start sequences with 1 % of the people every
  // week. Six send one script to anyone and follow up with "just checking
  // in" and "did you see my last email?"; six pick people whose company can
  // use the product (mostly) and write to the account.
  void Sales() {
    // Texts that do not depend on the person are made once, so that each is
    // analysed once: the bumps, and the researched follow-ups per industry.
    const uint32_t bump = AddText("Re: quick question", std::string(demo::ColdBump()), "en", "en");
    const uint32_t last_bump =
        AddText("Re: quick question", std::string(demo::ColdLastBump()), "en", "en");
    absl::flat_hash_map<std::string, std::pair<uint32_t, uint32_t>> follow_ups;
    for (const char* industry : kIndustries) {
      follow_ups[industry] = {AddText("A case study", demo::ColdCaseStudy(industry), "en", "en"),
                              AddText("An invitation", demo::ColdRoundtable(industry), "en", "en")};
    }
    for (int seller = 0; seller < 12; ++seller) {
      const bool scripted = seller % 2 == 0;
      const uint16_t campaign = AddCampaign(
          {.name = absl::StrCat(scripted ? "sequence-script-" : "sequence-research-", seller),
           .team = "sales",
           .tool = "outreach",
           .sender = absl::StrCat("seller", seller, "@acme.example"),
           .kind = Kind::kCold,
           .topic = Topic::kSales,
           .scripted = scripted});
      const int per_week = std::max(1, static_cast<int>(world_.people.size() / 100));
      for (int week = 0; week * 7 < spec_.days; ++week) {
        for (int started = 0; started < per_week; ++started) {
          uint32_t person = static_cast<uint32_t>(Below(static_cast<int>(world_.people.size())));
          if (!scripted) {
            for (int tries = 0; tries < 8 && !world_.people[person].needs_product; ++tries) {
              person = static_cast<uint32_t>(Below(static_cast<int>(world_.people.size())));
            }
          }
          const SimPerson& who = world_.people[person];
          if (who.customer) continue;
          const Account& account = *world_.accounts[who.account];
          const uint32_t opener =
              AddText("Quick question",
                      demo::ColdOpener(scripted, "Alex", absl::StrCat("Company ", who.account),
                                       account.industry, static_cast<uint64_t>(random_())),
                      "en", "en");
          const auto [case_study, invitation] = follow_ups.at(account.industry);
          const uint32_t follow_up = scripted ? bump : case_study;
          const uint32_t last = scripted ? last_bump : invitation;
          const int day = week * 7 + Below(5);
          const uint32_t thread = static_cast<uint32_t>(2'000'000 + world_.touches.size());
          const uint32_t texts[3] = {opener, follow_up, last};
          WriteHypothesis(campaign, who, LocalAt(who, day, 8));
          for (int step = 0; step < 3; ++step) {
            const Minute at = LocalAt(who, day + step * 3, 10 + Below(6));
            Add({.at = at,
                 .expires = at + 3 * kDay,
                 .person = person,
                 .text = texts[step],
                 .thread = thread,
                 .campaign = campaign,
                 .step = static_cast<uint8_t>(step + 1),
                 .bump = scripted && step > 0});
          }
        }
      }
    }
  }

  // The seller's hypothesis for the person's account, written at 07:00 on
  // the day of the first sequence there.
  void WriteHypothesis(uint16_t campaign, const SimPerson& who, Minute at) {
    at -= 60;
    const auto [written, first] =
        hypothesis_of_.insert({{campaign, who.account}, world_.hypotheses.size()});
    if (!first) {  // a sequence planned later may start earlier
      Minute& earliest = world_.hypotheses[written->second].at;
      earliest = std::min(earliest, at);
      return;
    }
    const std::string body = world_.campaigns[campaign].scripted
                                 ? demo::ScriptedHypothesis(absl::StrCat("Company ", who.account))
                                 : demo::ResearchedHypothesis(world_.hypotheses.size());
    world_.hypotheses.push_back({.at = at,
                                 .account = static_cast<uint32_t>(who.account),
                                 .text = AddText("", body, "en", "en"),
                                 .campaign = campaign});
  }

  // Customer success: a monthly check-in with each customer.
  void CustomerSuccess() {
    const uint16_t campaign = AddCampaign({.name = "check-in",
                                           .team = "customer-success",
                                           .tool = "gainsight",
                                           .sender = "csm@acme.example",
                                           .kind = Kind::kRelationship,
                                           .topic = Topic::kService});
    const uint32_t text = AddText("How is it going?", demo::CheckIn("Alex"), "en", "en");
    for (uint32_t person = 0; person < world_.people.size(); ++person) {
      const SimPerson& who = world_.people[person];
      if (!who.customer) continue;
      for (int day = 3 + Below(20); day < spec_.days; day += 30) {
        const Minute at = LocalAt(who, day, 11);
        Add({.at = at,
             .expires = at + 5 * kDay,
             .person = person,
             .text = text,
             .campaign = campaign});
      }
    }
  }

  const WorldSpec& spec_;
  World& world_;
  std::vector<std::shared_ptr<Account>> accounts_;  // filled in while people are made
  // Each seller's hypothesis for an account: (campaign, account) → index.
  absl::flat_hash_map<std::pair<uint16_t, int>, size_t> hypothesis_of_;
  std::mt19937_64 random_;
};

}  // namespace

World BuildWorld(const WorldSpec& spec) {
  World world;
  Builder(spec, &world).Build();
  return world;
}

void FillTouch(const World& world, const SimTouch& touch, Touch* out) {
  const Campaign& campaign = world.campaigns[touch.campaign];
  const Text& text = world.texts[touch.text];
  out->person_id = world.people[touch.person].profile.id;
  out->channel = campaign.channel;
  out->kind = campaign.kind;
  out->sender = campaign.sender;
  out->team = campaign.team;
  out->tool = campaign.tool;
  out->campaign = campaign.name;
  out->list = campaign.list;
  out->thread = touch.thread ? absl::StrCat("t", touch.thread) : std::string();
  out->step = touch.step;
  out->language = text.language;
  out->event_location = campaign.event;
  out->subject = text.subject;
  out->body = text.body;
  out->at = FromMinute(touch.at);
  out->expires = FromMinute(touch.expires);
}

}  // namespace tact::sim
