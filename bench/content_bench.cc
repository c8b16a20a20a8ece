// What the content gates cost per touch with 2 KB bodies, next to the same
// decision without text (the baseline, measured in the same run): language
// detection (CLD2), normalisation and SimHash, the lexicon's phrase and
// pronoun look-ups, and the whole Decide() with a 3-touch history whose
// touches carry fingerprints.
//
//   build/bench/content_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "content/analysis.h"
#include "content/fingerprint.h"
#include "content/language.h"
#include "content/text.h"
#include "demo/demo_texts.h"
#include "engine/decide.h"
#include "policy/policy_loader.h"

namespace tact {
namespace {

constexpr size_t kBodyBytes = 2048;

// Cuts `text` to at most kBodyBytes at a space, so UTF-8 stays whole.
std::string TwoKilobytes(const std::string& text) {
  if (text.size() <= kBodyBytes) return text;
  return text.substr(0, text.rfind(' ', kBodyBytes));
}

std::string EnglishBody() {
  std::string text;
  for (int week = 0; text.size() < kBodyBytes; ++week) {
    absl::StrAppend(&text, demo::Newsletter(week), "\n\n", demo::LaunchAnnouncement(), "\n\n",
                    demo::ColdCaseStudy("logistics"), "\n\n", demo::ColdRoundtable("retail"),
                    "\n\n");
  }
  return TwoKilobytes(text);
}

std::string GermanBody() {
  std::string text;
  while (text.size() < kBodyBytes) absl::StrAppend(&text, demo::SummitInvitation(), "\n\n");
  return TwoKilobytes(text);
}

struct Setup {
  Policy policy = *LoadPolicyFromString(DefaultPolicyText(), "default");
  Person person;
  History history;
  absl::Time at = absl::FromCivil(absl::CivilDay(2027, 3, 4), absl::UTCTimeZone());
  Setup() {
    person.id = "p-1";
    person.consent.fill(Consent::kOptedIn);
    person.languages = {"en", "de"};
    for (int day = 0; day < 3; ++day) {
      history.Record(TouchRecord{ToMinute(at) - (3 - day) * 24 * 60, StableKeyOf("ana@x"), 0,
                                 Channel::kEmail, Kind::kPromotional, true, 0, 0},
                     0x9E3779B97F4A7C15ull * (day + 1));
    }
  }
  Touch MakeTouch(const std::string& body) const {
    Touch touch;
    touch.person_id = person.id;
    touch.channel = Channel::kEmail;
    touch.kind = Kind::kRelationship;
    touch.sender = "ana@x";
    touch.at = at + absl::Hours(10);
    if (!body.empty()) {
      touch.subject = "Acme news for your dispatch team";
      touch.body = body;
    }
    return touch;
  }
};

const Setup& GetSetup() {
  static const Setup* setup = new Setup;
  return *setup;
}

void Report(benchmark::State& state, size_t bytes) {
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void BM_DecideWithoutText(benchmark::State& state) {
  const Setup& setup = GetSetup();
  const Touch touch = setup.MakeTouch("");
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Decide(setup.policy, setup.person, nullptr, setup.history, touch, *touch.at));
  }
  Report(state, 0);
}
BENCHMARK(BM_DecideWithoutText)->Unit(benchmark::kNanosecond);

// A declared language and no text: what relevance.language alone costs.
void BM_DecideDeclaredLanguageNoText(benchmark::State& state) {
  const Setup& setup = GetSetup();
  Touch touch = setup.MakeTouch("");
  touch.language = "en-US";
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Decide(setup.policy, setup.person, nullptr, setup.history, touch, *touch.at));
  }
  Report(state, 0);
}
BENCHMARK(BM_DecideDeclaredLanguageNoText)->Unit(benchmark::kNanosecond);

void DecideWithText(benchmark::State& state, const std::string& body) {
  const Setup& setup = GetSetup();
  const Touch touch = setup.MakeTouch(body);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Decide(setup.policy, setup.person, nullptr, setup.history, touch, *touch.at));
  }
  Report(state, touch.subject.size() + touch.body.size());
}
void BM_DecideWith2KbEnglish(benchmark::State& state) { DecideWithText(state, EnglishBody()); }
BENCHMARK(BM_DecideWith2KbEnglish)->Unit(benchmark::kMicrosecond);
void BM_DecideWith2KbGerman(benchmark::State& state) { DecideWithText(state, GermanBody()); }
BENCHMARK(BM_DecideWith2KbGerman)->Unit(benchmark::kMicrosecond);

// The parts, on the English body.
void BM_DetectLanguage2Kb(benchmark::State& state) {
  const std::string body = EnglishBody();
  for (auto _ : state) benchmark::DoNotOptimize(DetectLanguage(body));
  Report(state, body.size());
}
BENCHMARK(BM_DetectLanguage2Kb)->Unit(benchmark::kMicrosecond);

void BM_NormalizeAndSimHash2Kb(benchmark::State& state) {
  const std::string body = EnglishBody();
  for (auto _ : state) benchmark::DoNotOptimize(SimHash(NormalizeText(body).masked));
  Report(state, body.size());
}
BENCHMARK(BM_NormalizeAndSimHash2Kb)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeContent2Kb(benchmark::State& state) {
  const Setup& setup = GetSetup();
  const Touch touch = setup.MakeTouch(EnglishBody());
  for (auto _ : state)
    benchmark::DoNotOptimize(AnalyzeContent(setup.policy.content.analysis(), touch));
  Report(state, touch.subject.size() + touch.body.size());
}
BENCHMARK(BM_AnalyzeContent2Kb)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tact

BENCHMARK_MAIN();
