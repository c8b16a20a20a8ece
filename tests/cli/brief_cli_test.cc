// `tact brief` on SEC's companyfacts documents and on facts tables.
#include "cli_fixture.h"

namespace {

using tact::cli_testing::CliTest;
using tact::cli_testing::CommandResult;
using tact::cli_testing::Slurp;
namespace fs = std::filesystem;

std::string Fixture(const std::string& name) {
  return std::string(TACT_SOURCE_DIR) + "/tests/fixtures/sec-companyfacts/" + name;
}
const std::string kMarvell = Fixture("edgartools-vcr-cassettes/CIK0001835632.json");

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CliTest, BriefOfAFilerCitesItsFilingsForThePersonsRole) {
  const CommandResult run =
      Tact("brief --facts " + kMarvell + " --as-of 2024-04-01 --role 'VP Finance'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Has(run.out, "for Chief financial officer")) << run.out;
  EXPECT_TRUE(Has(run.out, "Revenue fell 7.0% to $5.51B in fiscal 2024")) << run.out;
  EXPECT_TRUE(Has(run.out, "(10-K 0001835632-24-000009, filed 2024-03-13)")) << run.out;
  EXPECT_TRUE(Has(run.out, "To you: You are asked to protect margins")) << run.out;
}

TEST_F(CliTest, BriefAsJsonIsTheApisBrief) {
  const CommandResult run = Tact("brief --json --facts " + kMarvell + " --role cio");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Has(run.out, "\"role\":{\"id\":\"cio\"")) << run.out.substr(0, 400);
  EXPECT_TRUE(Has(run.out, "\"id\":\"profit.turned_profit\"")) << run.out.substr(0, 400);
  EXPECT_TRUE(Has(run.out, "\"accession\":\"0001835632-")) << run.out.substr(0, 400);
}

TEST_F(CliTest, BriefAsAPageCarriesTheApisBriefUnderItsAccount) {
  const fs::path page = dir_ / "marvell.html";
  const CommandResult run =
      Tact("brief --json --facts " + kMarvell + " --role cio --html " + page.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Has(run.err, "report written to " + page.string())) << run.err;  // JSON stays clean
  const std::string html = Slurp(page);
  // The report page's data: the brief the JSON printed, under the account.
  const std::string brief = run.out.substr(0, run.out.size() - 1);
  EXPECT_TRUE(Has(html, "\"accounts\":{\"MARVELL TECHNOLOGY, INC\":{\"brief\":" + brief));
  EXPECT_TRUE(Has(html, "\"hypotheses\":null"));
  EXPECT_TRUE(Has(html, "id=\"tact-data\""));

  const CommandResult unwritable =
      Tact("brief --facts " + kMarvell + " --html " + (dir_ / "no" / "such" / "p.html").string());
  EXPECT_EQ(unwritable.exit_code, 3);
  EXPECT_TRUE(Has(unwritable.err, "cannot write the report")) << unwritable.err;
}

TEST_F(CliTest, BriefFromAFactsTableOfAPrivateCompany) {
  const fs::path table =
      Write("facts.csv",
            "account_id,concept,start,end,value,unit,source\n"
            "acme,revenue,2023-01-01,2023-12-31,12000000,EUR,annual report 2023\n"
            "acme,revenue,2024-01-01,2024-12-31,10500000,EUR,annual report 2024\n"
            "acme,employees,,2023-12-31,120,employees,HR\n"
            "acme,employees,,2024-12-31,100,employees,HR\n"
            "acme,revenue,2024-01-01,2024-12-31,11000000,USD,a blog\n"
            "acme,Revenu,2024-01-01,2024-12-31,1,EUR,typo\n"
            "other,net_income,2024-01-01,2024-12-31,-5,EUR,x\n");
  const CommandResult run = Tact("brief --facts " + table.string() + " --account acme");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Has(run.out, "Revenue fell 12.5% to EUR 10.5M in fiscal 2024")) << run.out;
  EXPECT_TRUE(Has(run.out, "(annual report 2024)")) << run.out;
  EXPECT_TRUE(Has(run.out, "Employees fell 16.7% in a year to 100")) << run.out;
  // A row in another currency and a misspelt concept are named, never mixed in.
  EXPECT_TRUE(Has(run.out, "facts.csv:6: unit: 'USD': account 'acme' has facts in EUR")) << run.out;
  EXPECT_TRUE(Has(run.out,
                  "facts.csv:7: concept: 'Revenu' is not a concept a brief reads (did "
                  "you mean 'Revenue'?)"))
      << run.out;
  const CommandResult strict = Tact("brief --strict --facts " + table.string() + " --account acme");
  EXPECT_EQ(strict.exit_code, 3);
  EXPECT_TRUE(Has(strict.err, "facts.csv:6: unit")) << strict.err;
}

TEST_F(CliTest, BriefOfACompanyWithTooLittleDataSaysWhatIsMissing) {
  const fs::path table = Write("thin.jsonl",
                               "{\"account_id\": \"tiny\", \"concept\": \"revenue\", \"start\": "
                               "\"2024-01-01\", \"end\": \"2024-12-31\", \"value\": 5, \"unit\": "
                               "\"USD\"}\n");
  const CommandResult run = Tact("brief --facts " + table.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(Has(run.out, "No signals.")) << run.out;
  EXPECT_TRUE(Has(run.out, "Revenue: nothing for the year before fiscal 2024")) << run.out;
  EXPECT_TRUE(Has(run.out, "Net income: no figures")) << run.out;
}

TEST_F(CliTest, BriefNamesWhatItCannotRead) {
  const fs::path broken = Write("CIK0000000001.json", "{\"cik\": 1, \"facts\": ");
  EXPECT_EQ(Tact("brief --strict --facts " + broken.string()).exit_code, 3);
  const CommandResult unknown = Tact("brief --facts " + kMarvell + " --account nobody");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Has(unknown.err, "no facts for account 'nobody'")) << unknown.err;
  const CommandResult day = Tact("brief --facts " + kMarvell + " --as-of 2024-02-30");
  EXPECT_EQ(day.exit_code, 64);
  EXPECT_TRUE(Has(day.err, "--as-of: '2024-02-30' is not a day")) << day.err;
  const fs::path playbook =
      Write("playbook.toml", "[signals.\"revenue.falling\"]\nmeans = \"x\"\n");
  const CommandResult bad = Tact("brief --facts " + kMarvell + " --playbook " + playbook.string());
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_TRUE(Has(bad.err, "playbook.toml:1:10: signals.revenue.falling")) << bad.err;
}

TEST_F(CliTest, BriefReadsADirectoryAsSecsBulkDownloadUnpacks) {
  fs::create_directories(dir_ / "facts");
  fs::copy_file(kMarvell, dir_ / "facts" / "CIK0001835632.json");
  fs::copy_file(Fixture("edgartools-fixtures/snow_facts.json"), dir_ / "facts" / "snow.json");
  const std::string facts = (dir_ / "facts").string();
  const CommandResult chosen = Tact("brief --facts " + facts + " --cik CIK0001640147");
  ASSERT_EQ(chosen.exit_code, 0) << chosen.err;
  EXPECT_TRUE(Has(chosen.out, "SNOWFLAKE INC. (CIK 1640147)")) << chosen.out;
  const CommandResult ambiguous = Tact("brief --facts " + facts);
  EXPECT_EQ(ambiguous.exit_code, 64);
  EXPECT_TRUE(Has(ambiguous.err, "holds 2 companies")) << ambiguous.err;
}

}  // namespace
