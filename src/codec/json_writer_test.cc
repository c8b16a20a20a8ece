#include "codec/json_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace tact {
namespace {

bool IsPlainByByte(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return false;
  }
  return true;
}

// Mostly plain text, with every kind of byte that is not plain at any place.
std::string RandomText(std::mt19937_64& random) {
  static constexpr char kSpecialBytes[] = "\"\\\x01\x1f\x7f\x80\xc3\xa9\xff\t\n";
  static const std::string kSpecial(kSpecialBytes, sizeof(kSpecialBytes) - 1);
  std::uniform_int_distribution<int> length(0, 40), pick(0, 15), printable(0x20, 0x7e);
  std::string text;
  const int size = length(random);
  for (int index = 0; index < size; ++index) {
    if (pick(random) == 0) {
      text += kSpecial[static_cast<size_t>(printable(random)) % kSpecial.size()];
    } else {
      text += static_cast<char>(printable(random));
    }
  }
  return text;
}

TEST(JsonWriterTest, PlainTextIsFoundInEveryPositionOfAWord) {
  std::mt19937_64 random(3);
  for (int index = 0; index < 20000; ++index) {
    const std::string text = RandomText(random);
    ASSERT_EQ(IsPlainJsonText(text), IsPlainByByte(text)) << text;
  }
  for (int byte = 0; byte < 256; ++byte) {
    for (size_t at = 0; at < 17; ++at) {
      std::string text(17, 'a');
      text[at] = static_cast<char>(byte);
      ASSERT_EQ(IsPlainJsonText(text), IsPlainByByte(text)) << byte << " at " << at;
    }
  }
}

// The same calls on tact's writer and on RapidJSON's own give the same bytes.
TEST(JsonWriterTest, WritesWhatRapidJsonWrites) {
  std::mt19937_64 random(5);
  for (int round = 0; round < 2000; ++round) {
    rapidjson::StringBuffer fast_buffer, plain_buffer;
    JsonWriter fast(fast_buffer);
    rapidjson::Writer<rapidjson::StringBuffer> plain(plain_buffer);
    fast.StartObject();
    plain.StartObject();
    for (int member = 0; member < 4; ++member) {
      const std::string key = RandomText(random), value = RandomText(random);
      fast.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
      plain.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
      fast.StartArray();
      plain.StartArray();
      fast.String(value);
      plain.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
      fast.RawValue("{\"a\":1}", 7, rapidjson::kObjectType);
      plain.RawValue("{\"a\":1}", 7, rapidjson::kObjectType);
      fast.Int(member);
      plain.Int(member);
      fast.EndArray();
      plain.EndArray();
    }
    fast.EndObject();
    plain.EndObject();
    ASSERT_TRUE(fast.IsComplete());
    ASSERT_EQ(JsonText(fast_buffer), JsonText(plain_buffer));
  }
}

TEST(JsonWriterTest, WriteStringReplacesInvalidUtf8) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartArray();
  WriteString(writer, "plain");
  WriteString(writer, "caf\xc3\xa9 \"q\"");
  WriteString(writer, std::string("bad\xff", 4));
  writer.EndArray();
  EXPECT_EQ(JsonText(buffer), "[\"plain\",\"caf\xc3\xa9 \\\"q\\\"\",\"bad\xef\xbf\xbd\"]");
}

}  // namespace
}  // namespace tact
