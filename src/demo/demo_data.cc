#include "demo/demo_data.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/csv_writer.h"
#include "core/minutes.h"
#include "demo/demo_facts.h"
#include "demo/demo_texts.h"

namespace tact {
namespace {

// Portable draws: the standard distributions differ between library
// versions, so the demo data uses the engine's raw output only.
class Draw {
 public:
  explicit Draw(uint64_t seed) : engine_(seed) {}
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  int Below(int bound) { return static_cast<int>(engine_() % static_cast<uint64_t>(bound)); }
  bool Chance(double probability) { return Unit() < probability; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

struct Place {
  const char* country;
  const char* time_zone;
  const char* languages;
  const char* region;
  double lat, lon;
  int weight;
};

constexpr std::array<Place, 16> kPlaces = {{
    {"US", "America/New_York", "en", "North America", 40.71, -74.01, 14},
    {"US", "America/Chicago", "en;es", "North America", 41.88, -87.63, 8},
    {"US", "America/Denver", "en", "North America", 39.74, -104.99, 3},
    {"US", "America/Los_Angeles", "en;es", "North America", 34.05, -118.24, 10},
    {"CA", "America/Toronto", "en;fr", "North America", 43.65, -79.38, 5},
    {"GB", "Europe/London", "en", "Europe", 51.51, -0.13, 8},
    {"DE", "Europe/Berlin", "de;en", "Europe", 52.52, 13.40, 9},
    {"FR", "Europe/Paris", "fr", "Europe", 48.86, 2.35, 6},
    {"NL", "Europe/Amsterdam", "nl;en", "Europe", 52.37, 4.90, 4},
    {"ES", "Europe/Madrid", "es", "Europe", 40.42, -3.70, 4},
    {"BR", "America/Sao_Paulo", "pt", "South America", -23.55, -46.63, 5},
    {"JP", "Asia/Tokyo", "ja", "Asia", 35.68, 139.69, 5},
    {"IN", "Asia/Kolkata", "en;hi", "Asia", 19.08, 72.88, 6},
    {"SG", "Asia/Singapore", "en;zh", "Asia", 1.35, 103.82, 3},
    {"AU", "Australia/Sydney", "en", "Oceania", -33.87, 151.21, 4},
    {"AE", "Asia/Dubai", "ar;en", "Asia", 25.20, 55.27, 2},
}};

constexpr std::array<const char*, 9> kIndustries = {"software",   "logistics",  "manufacturing",
                                                    "retail",     "healthcare", "education",
                                                    "government", "finance",    "hospitality"};
constexpr std::array<const char*, 8> kRoles = {"engineer", "manager",    "director", "vp",
                                               "analyst",  "operations", "founder",  "buyer"};
constexpr std::array<const char*, 4> kSdrs = {"lena.fischer@acme.example",
                                              "marcus.lee@acme.example", "priya.nair@acme.example",
                                              "tom.baker@acme.example"};
constexpr std::array<const char*, 3> kCsms = {"ana.silva@acme.example", "kenji.mori@acme.example",
                                              "olivia.brown@acme.example"};

const Place& PickPlace(Draw& draw) {
  int total = 0;
  for (const Place& place : kPlaces) total += place.weight;
  int roll = draw.Below(total);
  for (const Place& place : kPlaces) {
    if (roll < place.weight) return place;
    roll -= place.weight;
  }
  return kPlaces[0];
}

struct DemoAccount {
  std::string id;
  bool is_customer;
  const Place* place;
  std::string name;
  std::string industry;
};

struct DemoPerson {
  std::string id;
  int account;
  const Place* place;
  bool email_ok;
  bool sms_ok;
  std::string first_name;
};

constexpr std::array<const char*, 12> kCompanyWords = {"North", "Bright", "Blue",   "Iron",
                                                       "Swift", "Harbor", "Summit", "Pine",
                                                       "River", "Stone",  "Cedar",  "Falcon"};
constexpr std::array<const char*, 6> kCompanyEnds = {"wind",  "line",      "freight",
                                                     "works", "logistics", "trade"};
constexpr std::array<const char*, 16> kFirstNames = {
    "Anna", "Ben",   "Chen", "Dana",  "Emil",  "Fatima", "Greta", "Hiro",
    "Ines", "Jonas", "Kofi", "Laura", "Mateo", "Nora",   "Omar",  "Priya"};

// One row of touches.csv, with what most demo touches share as defaults.
struct DemoTouch {
  std::string person_id;
  std::string channel = "email";
  std::string kind = "promotional";
  std::string sender, team, tool, campaign, thread, step, value;
  std::string language = "en";
  std::string event_country, event_lat, event_lon, subject, body, at, expires;
  std::string on_limit = "defer";
};

std::string At(absl::Time start, int day, int hour, int minute = 0) {
  return FormatUtc(start + absl::Hours(24 * day + hour) + absl::Minutes(minute));
}

// Writes the demo's files: accounts, then people, then each team's touches,
// from one seeded draw (so the same options write the same files).
struct DemoScript {
  const DemoOptions& options;
  Draw draw;
  CsvWriter& touches_out;
  DemoCounts counts;
  std::vector<DemoAccount> accounts;
  std::vector<DemoPerson> people;
  absl::Time start = options.start;
  int weeks = options.days / 7;

  void WriteAccounts(CsvWriter& out) {
    const int account_count = std::max(1, options.people / 6);
    out.Row({"id", "industry", "employees", "country", "open_escalations", "missed_commitments",
             "segment"});
    for (int index = 0; index < account_count; ++index) {
      const Place& place = PickPlace(draw);
      const int employees =
          static_cast<int>(std::exp(std::log(5.0) + draw.Unit() * std::log(20000.0)));
      const bool is_customer = draw.Chance(0.35);
      const int escalations = is_customer && draw.Chance(0.08) ? 1 + draw.Below(2) : 0;
      const int missed = is_customer && draw.Chance(0.05) ? 1 : 0;
      DemoAccount account{absl::StrFormat("a-%05d", index + 1), is_customer, &place,
                          absl::StrCat(draw.Pick(kCompanyWords), draw.Pick(kCompanyEnds)),
                          draw.Pick(kIndustries)};
      out.Row({account.id, account.industry, absl::StrCat(employees), place.country,
               absl::StrCat(escalations), absl::StrCat(missed),
               is_customer ? "customer" : "prospect"});
      accounts.push_back(std::move(account));
    }
    counts.accounts = account_count;
  }

  void WritePeople(CsvWriter& out) {
    out.Row({"id", "account_id", "time_zone", "languages", "country", "region", "lat", "lon",
             "role", "consent_email", "consent_sms", "consent_push"});
    for (int index = 0; index < options.people; ++index) {
      const int account = draw.Below(static_cast<int>(accounts.size()));
      // Most people work where their company is; some are abroad.
      const Place& place = draw.Chance(0.8) ? *accounts[account].place : PickPlace(draw);
      const double roll = draw.Unit();
      const char* email = roll < 0.55 ? "opted_in" : roll < 0.95 ? "unknown" : "opted_out";
      const double sms_roll = draw.Unit();
      const char* sms = sms_roll < 0.25 ? "opted_in" : sms_roll < 0.93 ? "unknown" : "opted_out";
      const char* push = draw.Chance(0.3) ? "opted_in" : "unknown";
      DemoPerson person{absl::StrFormat("p-%06d", index + 1),
                        account,
                        &place,
                        std::string(email) != "opted_out",
                        std::string(sms) == "opted_in",
                        draw.Pick(kFirstNames)};
      out.Row({person.id, accounts[account].id, place.time_zone, place.languages, place.country,
               place.region, absl::StrFormat("%.2f", place.lat + (draw.Unit() - 0.5)),
               absl::StrFormat("%.2f", place.lon + (draw.Unit() - 0.5)), draw.Pick(kRoles), email,
               sms, push});
      people.push_back(std::move(person));
    }
    counts.people = options.people;
  }

  void Touch(const DemoTouch& row) {
    touches_out.Row(
        {row.person_id,     row.channel,   row.kind,      row.sender,  row.team,  row.tool,
         row.campaign,      row.thread,    row.step,      "",          row.value, row.language,
         row.event_country, row.event_lat, row.event_lon, row.subject, row.body,  row.at,
         row.expires,       row.on_limit});
    ++counts.touches;
  }

  // Marketing: the weekly newsletter, in English, to everyone, Tuesdays 15:00 UTC.
  void Newsletter() {
    for (int week = 0; week < weeks; ++week) {
      const std::string body = demo::Newsletter(week);
      for (const DemoPerson& person : people) {
        Touch({.person_id = person.id,
               .sender = "newsletter@acme.example",
               .team = "marketing",
               .tool = "hubspot",
               .campaign = absl::StrCat("newsletter-w", week + 1),
               .value = "20",
               .subject = absl::StrCat("Acme weekly #", week + 1, ": what shipped, what's next"),
               .body = body,
               .at = At(start, week * 7 + 1, 15)});
      }
    }
  }

  // Product marketing: a launch announcement, a "did you see this?" reminder
  // in the same thread two days later, and the announcement again, unchanged,
  // a week later to a third of them.
  void Launch() {
    for (const DemoPerson& person : people) {
      if (!draw.Chance(0.6)) continue;
      const DemoTouch launch{.person_id = person.id,
                             .sender = "launch@acme.example",
                             .team = "product-marketing",
                             .tool = "marketo",
                             .campaign = "routing-launch",
                             .thread = absl::StrCat("launch-", person.id),
                             .step = "1",
                             .value = "35",
                             .subject = "Introducing Acme Routing",
                             .body = std::string(demo::LaunchAnnouncement()),
                             .at = At(start, 2, 14),
                             .expires = At(start, 9, 0)};
      Touch(launch);
      DemoTouch reminder = launch;
      reminder.campaign = "routing-launch-reminder";
      reminder.step = "2";
      reminder.value = "10";
      reminder.subject = "Did you see Acme Routing?";
      reminder.body = std::string(demo::LaunchReminder());
      reminder.at = At(start, 4, 14);
      reminder.expires = At(start, 7, 0);
      reminder.on_limit = "drop";
      Touch(reminder);
      if (draw.Chance(0.33)) {
        DemoTouch resend = launch;
        resend.campaign = "routing-launch-resend";
        resend.thread = resend.step = "";
        resend.value = "10";
        resend.at = At(start, 10, 14);
        resend.expires = At(start, 13, 0);
        Touch(resend);
      }
    }
  }

  // Field events: a summit in Berlin, invited in German (undeclared) to half
  // of everyone, wherever they are and whatever they read.
  void Summit() {
    for (const DemoPerson& person : people) {
      if (!draw.Chance(0.5)) continue;
      Touch({.person_id = person.id,
             .sender = "events@acme.example",
             .team = "field-events",
             .tool = "marketo",
             .campaign = "berlin-summit",
             .value = "15",
             .language = "",
             .event_country = "DE",
             .event_lat = "52.52",
             .event_lon = "13.40",
             .subject = "Einladung: Acme Summit Berlin",
             .body = std::string(demo::SummitInvitation()),
             .at = At(start, 3, 9, 30),
             .expires = At(start, 12, 0)});
    }
  }

  // SMS flash offer to a third of people, sent at 18:00 UTC whatever their zone.
  void SmsOffer() {
    for (const DemoPerson& person : people) {
      if (!draw.Chance(0.33)) continue;
      Touch({.person_id = person.id,
             .channel = "sms",
             .sender = "offers@acme.example",
             .team = "growth",
             .tool = "attentive",
             .campaign = "spring-offer-sms",
             .value = "10",
             .body = "Spring offer: 20% off Acme Pro this week. Reply STOP to opt out.",
             .at = At(start, 5, 18),
             .expires = At(start, 8, 0)});
    }
  }

  // Push: an in-app feature tip.
  void PushTip() {
    for (const DemoPerson& person : people) {
      if (!draw.Chance(0.25)) continue;
      Touch({.person_id = person.id,
             .channel = "push",
             .sender = "app@acme.example",
             .team = "product",
             .tool = "braze",
             .campaign = "feature-tip",
             .value = "25",
             .subject = "Tip: share routes with your team",
             .at = At(start, 6, 11)});
    }
  }

  // Sales: prospects get cold sequences of four steps, two days apart. Two
  // sellers send one script to everyone and follow up with "just checking
  // in", a case study and "did you see my last email?"; two write each opener
  // for the account and follow up with the case study and an invitation.
  void SalesSequences() {
    for (const DemoPerson& person : people) {
      const DemoAccount& account = accounts[person.account];
      if (account.is_customer || !draw.Chance(0.45)) continue;
      const int sdr_index = draw.Below(static_cast<int>(kSdrs.size()));
      const bool scripted = sdr_index % 2 == 1;
      const int first_day = draw.Below(std::max(1, options.days - 8));
      // The scripted sellers bump at step 2; the others bring the case study.
      const std::string opener =
          demo::ColdOpener(scripted, person.first_name, account.name, account.industry,
                           static_cast<uint64_t>(draw.Below(1 << 20)));
      const std::string case_study = demo::ColdCaseStudy(account.industry);
      const std::string bodies[4] = {opener, scripted ? std::string(demo::ColdBump()) : case_study,
                                     scripted ? case_study : demo::ColdRoundtable(account.industry),
                                     std::string(demo::ColdLastBump())};
      for (int step = 1; step <= 4; ++step) {
        Touch({.person_id = person.id,
               .kind = "cold",
               .sender = kSdrs[sdr_index],
               .team = "sales",
               .tool = "outreach",
               .campaign = "q1-outbound",
               .thread = absl::StrCat("seq-", person.id),
               .step = absl::StrCat(step),
               .value = step == 1 ? "30" : "5",
               .subject = step == 1 ? absl::StrCat("Idea for ", account.name)
                                    : absl::StrCat("Re: Idea for ", account.name),
               .body = bodies[step - 1],
               .at = At(start, first_day + 2 * (step - 1), 13 + draw.Below(5))});
      }
    }
  }

  // Customer success: a relationship check-in for customers, and a call for some.
  void CustomerSuccess() {
    for (const DemoPerson& person : people) {
      const DemoAccount& account = accounts[person.account];
      if (!account.is_customer) continue;
      const char* csm = draw.Pick(kCsms);
      Touch({.person_id = person.id,
             .kind = "relationship",
             .sender = csm,
             .team = "customer-success",
             .tool = "gainsight",
             .campaign = "quarterly-check-in",
             .value = "70",
             .subject = "How is Acme working for you?",
             .body = demo::CheckIn(person.first_name),
             .at = At(start, 1 + draw.Below(options.days - 2), 10 + draw.Below(6))});
      if (draw.Chance(0.3)) {
        Touch({.person_id = person.id,
               .channel = "call",
               .kind = "relationship",
               .sender = csm,
               .team = "customer-success",
               .tool = "dialpad",
               .campaign = "renewal-call",
               .value = "80",
               .subject = "Renewal planning call",
               .at = At(start, 2 + draw.Below(options.days - 3), 16)});
      }
      // Upsell from the sales team at the same time.
      if (draw.Chance(0.4)) {
        Touch({.person_id = person.id,
               .sender = draw.Pick(kSdrs),
               .team = "sales",
               .tool = "outreach",
               .campaign = "upsell-pro",
               .value = "20",
               .subject = "Upgrade to Acme Pro?",
               .at = At(start, 1 + draw.Below(options.days - 2), 14)});
      }
    }
  }

  // Transactional: receipts and password resets, at any hour.
  void Transactional() {
    for (const DemoPerson& person : people) {
      if (!draw.Chance(0.2)) continue;
      Touch({.person_id = person.id,
             .kind = "transactional",
             .sender = "billing@acme.example",
             .team = "billing",
             .tool = "stripe",
             .campaign = "receipt",
             .value = "90",
             .subject = "Your Acme receipt",
             .body = demo::Receipt(1900 + 100 * draw.Below(80)),
             .at = At(start, draw.Below(options.days), draw.Below(24), draw.Below(60))});
    }
  }
};

}  // namespace

bool IsScriptedDemoSeller(absl::string_view sender) {
  // Odd seats follow the script (see the sales sequences below).
  for (size_t index = 1; index < kSdrs.size(); index += 2) {
    if (sender == kSdrs[index]) return true;
  }
  return false;
}

absl::StatusOr<DemoCounts> WriteDemoData(const DemoOptions& options, const std::string& directory) {
  if (options.people < 1 || options.people > 10'000'000) {
    return absl::InvalidArgumentError("--people: must be between 1 and 10000000");
  }
  if (options.days < 7 || options.days > 365) {
    return absl::InvalidArgumentError("--days: must be between 7 and 365");
  }
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat(directory, ": cannot create the directory (", error.message(), ")"));
  }
  CsvWriter accounts_out(directory + "/accounts.csv");
  CsvWriter people_out(directory + "/people.csv");
  CsvWriter touches_out(directory + "/touches.csv");
  if (!accounts_out.ok() || !people_out.ok() || !touches_out.ok()) {
    return absl::PermissionDeniedError(absl::StrCat(directory, ": cannot write the demo files"));
  }
  DemoScript script{options, Draw(options.seed), touches_out};
  script.WriteAccounts(accounts_out);
  const absl::StatusOr<int> facts =
      WriteDemoFacts(options.seed, script.counts.accounts,
                     static_cast<int>(absl::ToCivilYear(options.start, absl::UTCTimeZone()).year()),
                     directory + "/facts.csv");
  if (!facts.ok()) return facts.status();
  script.counts.facts = *facts;
  script.WritePeople(people_out);
  touches_out.Row({"person_id",     "channel",   "kind",      "sender",   "team",  "tool",
                   "campaign",      "thread",    "step",      "priority", "value", "language",
                   "event_country", "event_lat", "event_lon", "subject",  "body",  "at",
                   "expires",       "on_limit"});
  script.Newsletter();
  script.Launch();
  script.Summit();
  script.SmsOffer();
  script.PushTip();
  script.SalesSequences();
  script.CustomerSuccess();
  script.Transactional();
  return script.counts;
}

}  // namespace tact
