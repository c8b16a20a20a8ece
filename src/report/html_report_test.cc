#include "report/html_report.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(HtmlReportTest, EmbedsTheDataBeforeTheBodyEndsAndNothingInItClosesTheScript) {
  const std::string page =
      "<html><head><script type=\"module\">go()</script></head><body></body></html>";
  auto html = EmbedReportData(page, R"({"team":"</script><b>x</b>"})");
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_EQ(*html,
            "<html><head><script type=\"module\">go()</script></head><body>"
            "<script id=\"tact-data\" type=\"application/json\">"
            R"({"team":"<\/script><b>x<\/b>"})"
            "</script>\n</body></html>");
  EXPECT_FALSE(EmbedReportData("<html>no body end", "{}").ok());
}

}  // namespace
}  // namespace tact
