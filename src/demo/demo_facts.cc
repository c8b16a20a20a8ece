#include "demo/demo_facts.h"

#include <array>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "codec/csv_writer.h"

namespace tact {

namespace {

// Revenue growth in each of the three years, and whether the last year turns
// to a loss: one story per account.
struct Story {
  std::array<double, 3> growth;
  std::array<double, 3> operating_margin;
  double gross_margin_change;  // per year
};

constexpr std::array<Story, 6> kStories = {{
    {{0.10, 0.11, 0.10}, {0.12, 0.12, 0.13}, 0.0},       // steady growth
    {{0.06, 0.12, 0.24}, {0.08, 0.10, 0.14}, 0.01},      // speeding up
    {{0.30, 0.20, 0.07}, {0.10, 0.08, 0.05}, -0.015},    // slowing
    {{0.02, -0.04, -0.11}, {0.06, 0.02, -0.03}, -0.03},  // declining, into a loss
    {{0.35, 0.40, 0.28}, {-0.25, -0.20, -0.18}, 0.01},   // growing with losses
    {{0.05, 0.03, 0.01}, {0.09, 0.07, -0.02}, -0.025},   // a turn to a loss
}};

class Writer {
 public:
  Writer(CsvWriter& out, const std::string& account, int year)
      : out_(out), account_(account), year_(year) {}

  void Flow(const char* name, double value) {
    out_.Row({account_, name, absl::StrCat(year_, "-01-01"), absl::StrCat(year_, "-12-31"),
              absl::StrFormat("%.0f", value), "USD", Source()});
    ++rows_;
  }
  void Balance(const char* name, double value, const char* unit = "USD") {
    out_.Row({account_, name, "", absl::StrCat(year_, "-12-31"), absl::StrFormat("%.0f", value),
              unit, Source()});
    ++rows_;
  }
  int rows() const { return rows_; }

 private:
  std::string Source() const { return absl::StrCat("demo annual report ", year_); }

  CsvWriter& out_;
  const std::string& account_;
  int year_;
  int rows_ = 0;
};

}  // namespace

absl::StatusOr<int> WriteDemoFacts(uint64_t seed, int accounts, int first_year,
                                   const std::string& path) {
  CsvWriter out(path);
  if (!out.ok()) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot be written"));
  out.Row({"account_id", "concept", "start", "end", "value", "unit", "source"});
  // Its own draw, so that the other demo files are the same with or without it.
  std::mt19937_64 engine(seed ^ 0x5eedfac75ull);
  const auto unit = [&] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
  int rows = 0;
  for (int index = 0; index < accounts; ++index) {
    const std::string account = absl::StrFormat("a-%05d", index + 1);
    const Story& story = kStories[engine() % kStories.size()];
    double revenue = std::exp(std::log(2e6) + unit() * std::log(1000.0));  // $2M .. $2B
    double gross = 0.35 + 0.35 * unit();
    double cash = revenue * (0.1 + 0.3 * unit());
    double debt = revenue * (0.2 + 0.6 * unit());
    double retained = revenue * (story.operating_margin[0] < 0 ? -0.8 : 0.5);
    for (int i = 0; i < 3; ++i) {
      const int year = first_year - 3 + i;
      revenue *= 1 + story.growth[i];
      gross += story.gross_margin_change;
      const double operating = revenue * story.operating_margin[i];
      const double net = operating * 0.75;
      const double flow = net + revenue * 0.04;
      cash = std::max(cash + flow * 0.6, revenue * 0.02);
      debt *= story.operating_margin[i] < 0 ? 1.3 : 0.95;
      retained += net;
      const double equity = std::max(revenue * 0.3 + retained, revenue * 0.05);
      const double liabilities = debt + revenue * 0.25;
      Writer row(out, account, year);
      row.Flow("revenue", revenue);
      row.Flow("gross_profit", revenue * gross);
      row.Flow("operating_income", operating);
      row.Flow("net_income", net);
      row.Flow("operating_cash_flow", flow);
      row.Balance("cash", cash);
      row.Balance("debt", debt);
      row.Balance("equity", equity);
      row.Balance("liabilities", liabilities);
      row.Balance("assets", equity + liabilities);
      row.Balance("current_assets", cash + revenue * 0.2);
      row.Balance("current_liabilities", revenue * 0.18);
      row.Balance("retained_earnings", retained);
      row.Balance("employees", std::round(revenue / 240000 + 3), "employees");
      rows += row.rows();
    }
  }
  if (!out.Close()) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot be written"));
  return rows;
}

}  // namespace tact
