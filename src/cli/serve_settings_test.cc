#include "cli/serve_settings.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

namespace tact {
namespace {

// Settings that start a server with nothing else to check.
ServeOptions Startable() {
  ServeOptions options;
  options.store = "memory";
  options.insecure_no_auth = true;
  return options;
}

void Set(ServeOptions& options, const ServeSetting& setting, int64_t number) {
  std::visit(
      [&](auto field) {
        auto& value = options.*field;
        using T = std::decay_t<decltype(value)>;
        if constexpr (!std::is_same_v<T, std::string> && !std::is_same_v<T, bool>) {
          value = static_cast<T>(number);
        }
      },
      setting.field);
}

TEST(ServeSettingsTest, EveryRangeIsCheckedAtBothEndsAndTheMessageNamesTheFlag) {
  ASSERT_TRUE(CheckServeSettings(Startable()).ok());
  int ranges = 0;
  for (const ServeSetting& setting : ServeSettings()) {
    if (!setting.range) continue;
    ++ranges;
    for (int64_t inside : {setting.range->min, setting.range->max}) {
      ServeOptions options = Startable();
      Set(options, setting, inside);
      EXPECT_TRUE(CheckServeSettings(options).ok()) << setting.flag << " " << inside;
    }
    for (int64_t outside : {setting.range->min - 1, setting.range->max + 1}) {
      if (outside < 0 && std::holds_alternative<size_t ServeOptions::*>(setting.field)) continue;
      ServeOptions options = Startable();
      Set(options, setting, outside);
      const absl::Status status = CheckServeSettings(options);
      EXPECT_TRUE(absl::IsInvalidArgument(status)) << setting.flag << " " << outside;
      EXPECT_EQ(status.message().find(setting.flag), 0u) << status.message();
    }
  }
  EXPECT_GE(ranges, 10);
}

TEST(ServeSettingsTest, ChoicesAreCheckedAndListedInTheMessage) {
  ServeOptions options = Startable();
  options.durability = "sync";
  EXPECT_TRUE(CheckServeSettings(options).ok());
  options.durability = "eventually";
  EXPECT_EQ(CheckServeSettings(options).message(),
            "--durability: 'eventually' is not one of sync, group");
}

TEST(ServeSettingsTest, SettingsThatDependOnOneAnotherAreCheckedTogether) {
  ServeOptions options = Startable();
  options.tokens_path = "tokens.toml";
  EXPECT_EQ(CheckServeSettings(options).message(),
            "--tokens and --insecure-no-auth exclude each other");
  options = Startable();
  options.listen = "0.0.0.0:8080";
  EXPECT_NE(CheckServeSettings(options).message().find("loopback address only"), std::string::npos);
  options = Startable();
  options.store = "embedded";
  EXPECT_NE(CheckServeSettings(options).message().find("give --data DIR"), std::string::npos);
  options.demo = true;
  EXPECT_TRUE(CheckServeSettings(options).ok());
  options = Startable();
  options.store = "embedded";
  options.state_url = "redis://127.0.0.1:7000";
  EXPECT_TRUE(CheckServeSettings(options).ok());  // no --data needed
  options.data_dir = "/var/lib/tact";
  EXPECT_EQ(CheckServeSettings(options).message(),
            "--state keeps the state on a Redis Cluster: leave out --data and --store");
  EXPECT_FALSE(ParseListen("8080").has_value());
  EXPECT_EQ(ParseListen("[::1]:0")->host, "::1");
  EXPECT_FALSE(ParseListen("127.0.0.1:65536").has_value());
}

TEST(ServeSettingsTest, TheCommandLineTakesEverySettingAndHelpShowsItsDefault) {
  CLI::App app;
  ServeOptions options;
  AddServeSettings(app, options);
  const std::string help = app.help();
  for (const ServeSetting& setting : ServeSettings()) {
    EXPECT_NE(help.find(setting.flag), std::string::npos) << setting.flag;
  }
  EXPECT_NE(help.find("--group-commit-ms INT=5"), std::string::npos) << help;
  EXPECT_NE(help.find("--store TEXT=embedded"), std::string::npos) << help;
  app.parse("--insecure-no-auth --max-batch 7 --durability sync", /*program_name_included=*/false);
  EXPECT_EQ(options.max_batch, 7u);
  EXPECT_EQ(options.durability, "sync");
  EXPECT_TRUE(options.insecure_no_auth);
}

}  // namespace
}  // namespace tact
