#include "content/language.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tact {
namespace {

struct Sample {
  const char* expected;
  const char* text;
};

// Short messages as a seller or marketer would write them.
const std::vector<Sample> kSamples = {
    {"en",
     "Hi Anna, we are hosting a breakfast seminar on warehouse automation in Leeds next month. "
     "Would you like me to save you a seat?"},
    {"de",
     "Hallo Frau Berger, nächsten Monat veranstalten wir in München ein Frühstücksseminar zur "
     "Automatisierung im Lager. Soll ich Ihnen einen Platz reservieren?"},
    {"fr",
     "Bonjour Madame Laurent, nous organisons le mois prochain à Lyon un petit-déjeuner sur "
     "l'automatisation des entrepôts. Souhaitez-vous que je vous réserve une place ?"},
    {"es",
     "Hola Lucía, el mes que viene organizamos en Madrid un desayuno sobre la automatización de "
     "almacenes. ¿Quieres que te reserve una plaza?"},
    {"it",
     "Buongiorno dottor Rossi, il mese prossimo organizziamo a Milano una colazione di lavoro "
     "sull'automazione dei magazzini. Desidera che le riservi un posto?"},
    {"pt",
     "Olá João, no próximo mês vamos organizar em Lisboa um pequeno-almoço sobre automação de "
     "armazéns. Quer que lhe reserve um lugar?"},
    {"nl",
     "Beste Sanne, volgende maand organiseren we in Utrecht een ontbijtsessie over "
     "magazijnautomatisering. Zal ik een plek voor je reserveren?"},
    {"pl",
     "Dzień dobry Pani Katarzyno, w przyszłym miesiącu organizujemy w Poznaniu śniadanie "
     "biznesowe o automatyzacji magazynów. Czy mam zarezerwować dla Pani miejsce?"},
    {"ja",
     "山田様、来月大阪で倉庫の自動化に関する朝食セミナーを開催いたします。お席をご用意しましょうか"
     "。"},
};

TEST(LanguageTest, DetectsShortMessagesInEachLanguage) {
  for (const Sample& sample : kSamples) {
    const DetectedLanguage detected = DetectLanguage(sample.text);
    EXPECT_EQ(detected.code, sample.expected) << sample.text;
    EXPECT_TRUE(detected.reliable) << sample.text;
    EXPECT_GE(detected.percent, 80) << sample.text;
  }
}

TEST(LanguageTest, TooLittleTextOrBrokenUtf8IsUnknown) {
  EXPECT_TRUE(DetectLanguage("").code.empty());
  EXPECT_FALSE(DetectLanguage("Ok").reliable);
  EXPECT_TRUE(DetectLanguage("Hallo \xff\xfe Welt, wie geht es Ihnen heute?").code.empty());
}

TEST(LanguageTest, ComparesTagsByCanonicalPrimaryLanguage) {
  EXPECT_EQ(PrimaryLanguage("en-GB"), "en");
  EXPECT_EQ(PrimaryLanguage("pt_BR"), "pt");
  EXPECT_EQ(PrimaryLanguage("DE"), "de");
  EXPECT_EQ(PrimaryLanguage("iw"), "he");  // CLD2 still says "iw" for Hebrew
  EXPECT_EQ(PrimaryLanguage("nb"), "no");  // Bokmål is what CLD2 calls Norwegian
  EXPECT_EQ(PrimaryLanguage(""), "");
  EXPECT_EQ(PrimaryLanguage("tl"), "fil");  // replaced codes go through ICU even when short
  EXPECT_EQ(PrimaryLanguage("zh-Hant"), "zh");
  EXPECT_EQ(PrimaryLanguage("sr_Latn_RS"), "sr");
  const std::vector<std::string> reads = {"de-AT", "en"};
  EXPECT_TRUE(ReadsLanguage(reads, "de"));
  EXPECT_TRUE(ReadsLanguage(reads, "en-US"));
  EXPECT_FALSE(ReadsLanguage(reads, "fr"));
  EXPECT_FALSE(ReadsLanguage(reads, ""));
  // Tags ICU must read, on either side, compare by the language it gives.
  EXPECT_TRUE(ReadsLanguage(std::vector<std::string>{"fr", "iw"}, "he-IL"));
  EXPECT_TRUE(ReadsLanguage(std::vector<std::string>{"he"}, "iw"));
  EXPECT_TRUE(ReadsLanguage(std::vector<std::string>{"PT_br"}, "pt"));
  EXPECT_TRUE(ReadsLanguage(std::vector<std::string>{"nb-NO"}, "no"));
  EXPECT_FALSE(ReadsLanguage(std::vector<std::string>{"en-"}, "en"));
  EXPECT_FALSE(ReadsLanguage(std::vector<std::string>{"english"}, "en"));
}

TEST(LanguageTest, NamesLanguagesAndKnowsWhichCld2Detects) {
  EXPECT_EQ(LanguageName("de"), "German");
  EXPECT_EQ(LanguageName("pt-BR"), "Portuguese");
  EXPECT_TRUE(IsDetectableLanguage("ja"));
  EXPECT_TRUE(IsDetectableLanguage("he"));
  EXPECT_FALSE(IsDetectableLanguage("ain"));  // Ainu is not in CLD2's tables
  EXPECT_FALSE(IsDetectableLanguage("english"));
}

}  // namespace
}  // namespace tact
