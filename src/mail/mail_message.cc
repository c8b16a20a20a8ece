#include "mail/mail_message.h"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>
#include <vector>

namespace tact {
namespace {

void InitGMimeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct ReferencesFree {
  void operator()(GMimeReferences* references) const { g_mime_references_free(references); }
};
using References = std::unique_ptr<GMimeReferences, ReferencesFree>;

References ParseReferences(GMimeMessage* message, const char* header) {
  const char* value = g_mime_object_get_header(GMIME_OBJECT(message), header);
  if (value == nullptr) return nullptr;
  return References(g_mime_references_parse(nullptr, value));
}

// The first text/plain part that is not an attachment, decoded to UTF-8.
struct FirstPlainText {
  std::string text;
  bool found = false;
};

void FindPlainText(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
  auto* first = static_cast<FirstPlainText*>(data);
  if (first->found || !GMIME_IS_TEXT_PART(part)) return;
  if (g_mime_part_is_attachment(GMIME_PART(part))) return;
  GMimeContentType* type = g_mime_object_get_content_type(part);
  if (!g_mime_content_type_is_type(type, "text", "plain")) return;
  char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
  if (text == nullptr) return;
  first->text = text;
  first->found = true;
  g_free(text);
}

}  // namespace

absl::StatusOr<MailMessage> ReadMailMessage(absl::string_view raw) {
  InitGMimeOnce();
  std::unique_ptr<GMimeStream, GObjectUnref> stream(
      g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  std::unique_ptr<GMimeParser, GObjectUnref> parser(g_mime_parser_new_with_stream(stream.get()));
  GMimeMessage* parsed = g_mime_parser_construct_message(parser.get(), nullptr);
  if (parsed == nullptr) {
    return absl::InvalidArgumentError("the message's header cannot be read as mail (RFC 5322)");
  }
  std::unique_ptr<GMimeMessage, GObjectUnref> message(parsed);
  MailMessage read;
  if (const char* subject = g_mime_message_get_subject(parsed)) read.subject = subject;
  if (const char* id = g_mime_message_get_message_id(parsed)) read.message_id = id;
  References references = ParseReferences(parsed, "References");
  if (references == nullptr || g_mime_references_length(references.get()) == 0) {
    references = ParseReferences(parsed, "In-Reply-To");
  }
  const int referred = references == nullptr ? 0 : g_mime_references_length(references.get());
  if (referred > 0) {
    read.thread = g_mime_references_get_message_id(references.get(), 0);
    read.step = 1 + referred;
  } else {
    read.thread = read.message_id;
  }
  read.has_list_unsubscribe =
      g_mime_object_get_header(GMIME_OBJECT(parsed), "List-Unsubscribe") != nullptr;
  FirstPlainText plain;
  g_mime_message_foreach(parsed, FindPlainText, &plain);
  read.text = std::move(plain.text);
  return read;
}

}  // namespace tact
