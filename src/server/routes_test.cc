#include "server/routes.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(RoutesTest, MatchesMethodAndPathAndDecodesTheId) {
  auto match = MatchRoute("GET", "/v1/people/ana%40acme.example/why?kind=cold");
  ASSERT_TRUE(match.ok());
  ASSERT_NE(match->route, nullptr);
  EXPECT_EQ(match->route->id, RouteId::kWhy);
  EXPECT_EQ(match->id, "ana@acme.example");

  match = MatchRoute("PUT", "/v1/people/p-1");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route->id, RouteId::kPutPerson);
}

TEST(RoutesTest, WrongMethodListsTheAllowedOnes) {
  auto match = MatchRoute("DELETE", "/v1/people/p-1");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->route, nullptr);
  EXPECT_EQ(match->allowed, "GET, PUT");
  match = MatchRoute("GET", "/v1/decide");
  EXPECT_EQ(match->allowed, "POST");
}

TEST(RoutesTest, UnknownPathsMatchNothing) {
  for (const char* target : {"/index.html", "/v1", "/v1/people/", "/assets/", "/assets/a/b.js",
                             "/v1/people//why", "/v1/decide/", "/v2/decide", "/v1/people/a/b"}) {
    auto match = MatchRoute("GET", target);
    ASSERT_TRUE(match.ok()) << target;
    EXPECT_EQ(match->route, nullptr) << target;
    EXPECT_EQ(match->allowed, "") << target;
  }
}

TEST(RoutesTest, TheDashboardIsAtTheRootAndItsAssetsBelowIt) {
  auto root = MatchRoute("GET", "/");
  ASSERT_TRUE(root.ok());
  ASSERT_NE(root->route, nullptr);
  EXPECT_EQ(root->route->id, RouteId::kDashboard);
  EXPECT_TRUE(root->route->scopes.empty());
  auto asset = MatchRoute("GET", "/assets/index-3f2a.js");
  ASSERT_TRUE(asset.ok());
  ASSERT_NE(asset->route, nullptr);
  EXPECT_EQ(asset->route->id, RouteId::kDashboardAsset);
  EXPECT_EQ(asset->id, "index-3f2a.js");
  // Reports are for admins only.
  auto overview = MatchRoute("GET", "/v1/reports/overview?from=2027-03-01");
  ASSERT_TRUE(overview.ok());
  ASSERT_NE(overview->route, nullptr);
  EXPECT_TRUE(overview->route->scopes.Contains(TokenScope::kReports));
  EXPECT_TRUE(overview->route->scopes.Contains(TokenScope::kAdmin));
  EXPECT_FALSE(overview->route->scopes.Contains(TokenScope::kDecide));
}

TEST(RoutesTest, BadEscapesAreErrors) {
  EXPECT_FALSE(MatchRoute("GET", "/v1/people/a%4").ok());
  EXPECT_FALSE(MatchRoute("GET", "/v1/people/a%zz").ok());
  auto form = ParseForm("To=%2B4915112345678&Body=Stop+please&To=x", "body");
  ASSERT_TRUE(form.ok());
  ASSERT_EQ(form->size(), 3u);  // in order, repeats kept
  EXPECT_EQ((*form)[0].second, "+4915112345678");
  EXPECT_EQ((*form)[1].second, "Stop please");
  EXPECT_EQ((*form)[2].first, "To");
  EXPECT_EQ(ParseForm("Body=%zz", "body").status().message(),
            "Body: '%' must be followed by two hexadecimal digits");
  EXPECT_FALSE(ParseQuery("/x?kind=%").ok());
  EXPECT_FALSE(MatchRoute("GET", "/v1/people/%ff%fe/why").ok());
  EXPECT_FALSE(ParseQuery("/x?kind=%ff").ok());
  auto query = ParseQuery("/x?kind=cold&at=2027-03-01T10%3A00%3A00Z&empty");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->at("kind"), "cold");
  EXPECT_EQ(query->at("at"), "2027-03-01T10:00:00Z");
  EXPECT_EQ(query->at("empty"), "");
}

TEST(RoutesTest, EveryRouteIsReachable) {
  for (const Route& route : AllRoutes()) {
    std::string target(route.pattern);
    if (const size_t id = target.find("{id}"); id != std::string::npos) target.replace(id, 4, "x");
    auto match = MatchRoute(route.method, target);
    ASSERT_TRUE(match.ok());
    ASSERT_NE(match->route, nullptr) << route.pattern;
    EXPECT_EQ(match->route->id, route.id) << route.pattern;
  }
}

// A `reports` token sees everything and changes nothing: it opens only
// reads, and every read that needs a token (admin sees what reports sees).
// A GET /v1/check records a send: it is not a read.
TEST(RoutesTest, TheReportsScopeOpensEveryReadAndNothingElse) {
  for (const Route& route : AllRoutes()) {
    if (route.scopes.empty()) continue;
    const bool read = route.method == "GET" && !route.writes;
    EXPECT_EQ(route.scopes.Contains(TokenScope::kReports), read) << route.method << route.pattern;
    if (read) EXPECT_TRUE(route.scopes.Contains(TokenScope::kAdmin)) << route.pattern;
  }
}

}  // namespace
}  // namespace tact
