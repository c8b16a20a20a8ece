// libFuzzer target: the decoders of what arrives from outside, without the
// signature checks in front of them. The first byte picks the decoder, the
// rest is its input: a JSON touch, person, account or event (the API's and
// JSON Lines' records), a provider's webhook payload (SendGrid, Mailgun,
// Postmark, SNS and SES, Twilio's form), a query string. Fails on crashes and
// sanitizer reports; every decoder must answer a value or an error.
//
// Run: scripts/fuzz (bounded) or build-asan/fuzz/decoders_fuzzer CORPUS_DIR.
#include <cstdint>
#include <string_view>

#include "codec/decode.h"
#include "codec/json_record.h"
#include "events/providers/provider.h"
#include "server/routes.h"
#include "simdjson.h"
#include "store/ledger_codec.h"
#include "store/mirror_day_codec.h"
#include "store/profile_codec.h"

namespace {

enum Decoder : uint8_t {
  kTouch,
  kPerson,
  kStoredPerson,
  kAccount,
  kEvent,
  kSendGrid,
  kMailgun,
  kPostmark,
  kSns,
  kSes,
  kTwilioForm,
  kQuery,
  kDecoderCount,
};

template <typename Decode>
void FromJsonRecord(std::string_view text, Decode decode) {
  static simdjson::dom::parser parser;
  auto element = parser.parse(text.data(), text.size());
  if (element.error()) return;
  auto record = tact::RecordFromElement(element.value());
  if (record.ok()) (void)decode(*record);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (static_cast<Decoder>(data[0] % kDecoderCount)) {
    case kTouch:
      FromJsonRecord(text, tact::DecodeTouch);
      break;
    case kPerson:
      FromJsonRecord(text, tact::DecodePerson);
      break;
    case kStoredPerson:
      // What the embedded store reads back: either data format.
      (void)tact::DecodePersonRecord(absl::string_view(text.data(), text.size()));
      (void)tact::DecodeAccountRecord(absl::string_view(text.data(), text.size()));
      (void)tact::DecodeLedgerEntry(absl::string_view(text.data(), text.size()));
      (void)tact::DecodeMirrorDay(absl::string_view(text.data(), text.size()));
      break;
    case kAccount:
      FromJsonRecord(text, tact::DecodeAccount);
      break;
    case kEvent:
      FromJsonRecord(text, tact::DecodeEvent);
      break;
    case kSendGrid:
      (void)tact::ParseSendGrid(text);
      break;
    case kMailgun:
      (void)tact::ParseMailgun(text);
      break;
    case kPostmark:
      (void)tact::ParsePostmark(text);
      break;
    case kSns:
      if (auto message = tact::ParseSnsMessage(text); message.ok()) {
        (void)message->StringToSign();
        (void)tact::ParseSesMessage(message->message);
      }
      break;
    case kSes:
      (void)tact::ParseSesMessage(text);
      break;
    case kTwilioForm:
      if (auto form = tact::ParseForm(absl::string_view(text.data(), text.size()), "form");
          form.ok()) {
        (void)tact::ParseTwilio(*form, "");
      }
      break;
    case kQuery:
      (void)tact::ParseQuery(absl::string_view(text.data(), text.size()));
      break;
    case kDecoderCount:
      break;
  }
  return 0;
}
