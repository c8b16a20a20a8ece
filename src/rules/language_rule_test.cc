#include "rules/language_rule.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kGermanInvitation[] =
    "Hallo Frau Berger, nächsten Monat veranstalten wir in München ein Frühstücksseminar zur "
    "Automatisierung im Lager. Soll ich Ihnen einen Platz reservieren?";
constexpr char kEnglishInvitation[] =
    "Hi Anna, we are hosting a breakfast seminar on warehouse automation in Leeds next month. "
    "Would you like me to save you a seat?";

class LanguageRuleTest : public RuleTest {
 protected:
  LanguageRuleTest() : RuleTest("[relevance]\nlanguage = \"required\"\n") {
    person_.languages = {"en-GB", "fr"};
  }
  Decision DecideText(const std::string& body, const std::string& declared = "",
                      Kind kind = Kind::kPromotional) {
    touch_ = MakeTouch(Channel::kEmail, kind, T("2027-03-02T10:00:00Z"));
    touch_.body = body;
    touch_.language = declared;
    return Ask(touch_);
  }
  std::string Message(const Decision& decision) { return Sentence(decision.reasons.at(0), touch_); }
  Touch touch_;
};

TEST_F(LanguageRuleTest, ADetectedLanguageThePersonDoesNotReadIsSuppressed) {
  const Decision german = DecideText(kGermanInvitation);
  ASSERT_EQ(german.outcome, Outcome::kSuppress);
  EXPECT_EQ(german.reasons[0].rule, "relevance.language");
  EXPECT_EQ(german.reasons[0].detail, "de");
  EXPECT_EQ(Message(german),
            "The touch is in German (detected in 99 % of its text); this person reads English, "
            "French.");
  ASSERT_TRUE(german.content.has_value());
  EXPECT_EQ(german.content->language, "de");

  EXPECT_EQ(DecideText(kEnglishInvitation).outcome, Outcome::kSend);
}

TEST_F(LanguageRuleTest, AConfidentDetectionOutweighsAContradictingDeclaration) {
  // Declared English, written in German (99 %): judged as German, noted.
  const Decision detected = DecideText(kGermanInvitation, "en");
  ASSERT_EQ(detected.outcome, Outcome::kSuppress);
  EXPECT_EQ(Message(detected),
            "The touch is in German (detected in 99 % of its text); this person reads English, "
            "French.");
  const auto mismatch =
      std::find_if(detected.notes.begin(), detected.notes.end(),
                   [](const Note& note) { return note.code == NoteCode::kLanguageMismatch; });
  ASSERT_NE(mismatch, detected.notes.end());
  EXPECT_TRUE(mismatch->detection_decided);
  EXPECT_EQ(ExplainNote(*mismatch, ExplainContext{policy_, person_, nullptr, touch_}),
            "The touch declares English but its text reads as German (99 %); it is judged as "
            "German.");
  // A person who reads German gets it, though the declaration says English.
  person_.languages = {"de"};
  EXPECT_EQ(DecideText(kGermanInvitation, "en").outcome, Outcome::kSend);
  person_.languages = {"en-GB", "fr"};
  // Below the policy's threshold, the declaration decides.
  policy_ = PolicyFrom("[relevance]\nlanguage = \"required\"\ndetection_overrides_at = 100\n");
  EXPECT_EQ(DecideText(kGermanInvitation, "en").outcome, Outcome::kSend);
}

TEST_F(LanguageRuleTest, TheDeclaredLanguageDecidesAndAContradictionIsANote) {
  // With detection_overrides_at = 0 the declaration always decides: noted.
  policy_ = PolicyFrom("[relevance]\nlanguage = \"required\"\ndetection_overrides_at = 0\n");
  const Decision declared = DecideText(kGermanInvitation, "en");
  ASSERT_EQ(declared.outcome, Outcome::kSend);
  ASSERT_EQ(declared.notes.size(), 1u);
  EXPECT_EQ(declared.notes[0].id, "relevance.language_mismatch");
  EXPECT_EQ(declared.notes[0].detail, "de");
  EXPECT_EQ(ExplainNote(declared.notes[0], ExplainContext{policy_, person_, nullptr, touch_}),
            "The touch declares English but its text reads as German (99 %).");
  // Declared German with no text at all: suppressed by the declaration alone.
  const Decision no_text = DecideText("", "de-CH");
  ASSERT_EQ(no_text.outcome, Outcome::kSuppress);
  EXPECT_EQ(Message(no_text),
            "The touch is in German (declared); this person reads English, French.");
  // A declaration that agrees with the text is no note.
  for (const Note& note : DecideText(kEnglishInvitation, "en-US").notes) {
    EXPECT_NE(note.code, NoteCode::kLanguageMismatch);
  }
}

TEST_F(LanguageRuleTest, UnknownsPassAndTransactionalIsExemptByDefault) {
  EXPECT_EQ(DecideText("Ok, 10:30.").outcome, Outcome::kSend);  // too short to tell
  EXPECT_EQ(DecideText(kGermanInvitation, "", Kind::kTransactional).outcome, Outcome::kSend);
  person_.languages.clear();
  EXPECT_EQ(DecideText(kGermanInvitation).outcome, Outcome::kSend);
  policy_ = PolicyFrom("[relevance]\nlanguage = \"off\"\n");
  person_.languages = {"en"};
  EXPECT_EQ(DecideText(kGermanInvitation).outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
