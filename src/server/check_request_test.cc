#include "server/check_request.h"

#include <gtest/gtest.h>

#include <string>

namespace tact {
namespace {

std::string ValueOf(const CheckRequest& request, absl::string_view name) {
  const Field* field = request.touch.Find(name);
  if (field == nullptr) return "(absent)";
  EXPECT_EQ(field->type, FieldType::kText) << name;  // checked as text by the decoder
  return field->text;
}

TEST(CheckRequestTest, QueryFormAndJsonStringsAllGiveTheTouchAsText) {
  auto query = ReadCheckRequest("/v1/check?email=Ana%40example.com&channel=email&step=2", "", "");
  ASSERT_TRUE(query.ok()) << query.status();
  EXPECT_EQ(query->email, "Ana@example.com");
  EXPECT_EQ(ValueOf(*query, "step"), "2");
  EXPECT_EQ(ValueOf(*query, "email"), "(absent)");  // the check's own field

  auto form = ReadCheckRequest("/v1/check?channel=sms", "person_id=p-1&kind=cold&step=3",
                               "application/x-www-form-urlencoded; charset=utf-8");
  ASSERT_TRUE(form.ok()) << form.status();
  EXPECT_EQ(form->person_id, "p-1");
  EXPECT_EQ(ValueOf(*form, "channel"), "sms");
  EXPECT_EQ(ValueOf(*form, "kind"), "cold");

  auto json = ReadCheckRequest("/v1/check?channel=sms&format=text",
                               R"({"person_id":"p-2","channel":"email","step":"4","value":70})",
                               "application/json");
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(ValueOf(*json, "channel"), "email");  // the body wins over the query
  EXPECT_EQ(ValueOf(*json, "step"), "4");
  EXPECT_EQ(ValueOf(*json, "value"), "70");
  EXPECT_TRUE(json->text);
}

TEST(CheckRequestTest, ProblemsNameTheirField) {
  const auto problem = [](absl::string_view target, std::string_view body, absl::string_view type) {
    auto request = ReadCheckRequest(target, body, type);
    EXPECT_FALSE(request.ok());
    return std::string(request.status().message());
  };
  EXPECT_EQ(problem("/v1/check?channel=email", "", "").substr(0, 10), "person_id:");
  EXPECT_EQ(problem("/v1/check?person_id=p&format=xml", "", "").substr(0, 7), "format:");
  EXPECT_EQ(problem("/v1/check?person_id=p&on_error=ignore", "", "").substr(0, 9), "on_error:");
  EXPECT_EQ(problem("/v1/check", "person_id=p", "text/plain").substr(0, 5), "body:");
  EXPECT_EQ(problem("/v1/check", "{\"person_id\":", "application/json").substr(0, 5), "body:");
  EXPECT_EQ(problem("/v1/check", "[1]", "application/json").substr(0, 5), "body:");
  EXPECT_EQ(problem("/v1/check?person_id=%zz", "", "").substr(0, 10), "person_id:");
}

TEST(CheckRequestTest, TheAnswersFormIsReadEvenFromABadRequest) {
  const CheckRequest options = CheckOptions("/v1/check?format=text&on_error=answer&step=x");
  EXPECT_TRUE(options.text);
  EXPECT_TRUE(options.errors_as_answers);
  EXPECT_FALSE(CheckOptions("/v1/check?format=xml").text);
}

}  // namespace
}  // namespace tact

namespace tact {
namespace {

// A HubSpot workflow posts the enrolled contact as it is: its email says who
// the person is, and the touch's fields come from the URL.
TEST(CheckRequestTest, AHubSpotObjectGivesThePersonAndTheQueryTheTouch) {
  auto flat = ReadCheckRequest(
      "/v1/check?channel=email&tool=hubspot&campaign=renewal",
      R"({"objectId":123,"objectType":"CONTACT","properties":{"email":"ana@example.com","firstname":"Ana","hs_object_id":"123"}})",
      "application/json");
  ASSERT_TRUE(flat.ok()) << flat.status();
  EXPECT_EQ(flat->email, "ana@example.com");
  EXPECT_EQ(ValueOf(*flat, "campaign"), "renewal");
  EXPECT_EQ(ValueOf(*flat, "properties.firstname"), "(absent)");  // not the touch's
  EXPECT_EQ(ValueOf(*flat, "objectId"), "(absent)");

  auto versioned = ReadCheckRequest(
      "/v1/check?channel=sms",
      R"({"vid":7,"properties":{"mobilephone":{"value":"+4930123456","versions":[]}}})",
      "application/json");
  ASSERT_TRUE(versioned.ok()) << versioned.status();
  EXPECT_EQ(versioned->phone, "+4930123456");

  // objectId is the contact's id in HubSpot: the person by their "hubspot" id.
  auto by_id =
      ReadCheckRequest("/v1/check?channel=email",
                       R"({"objectId":9,"properties":{"firstname":"Bo"}})", "application/json");
  ASSERT_TRUE(by_id.ok()) << by_id.status();
  EXPECT_EQ(by_id->contact_id, "9");
  EXPECT_EQ(by_id->contact_tool, "hubspot");

  auto nobody = ReadCheckRequest("/v1/check?channel=email", R"({"vid":9,"properties":{}})",
                                 "application/json");
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(std::string(nobody.status().message()).substr(0, 10), "person_id:");
}

}  // namespace
}  // namespace tact
