#include "mail/mail_message.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(MailMessageTest, AFirstMessageStartsItsOwnThread) {
  absl::StatusOr<MailMessage> read = ReadMailMessage(
      "From: ana@acme.example\r\nTo: bea@client.example\r\nSubject: Your rollout\r\n"
      "Message-ID: <m1@acme.example>\r\n\r\nHello Bea,\r\nthe plan.\r\n");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->subject, "Your rollout");
  EXPECT_EQ(read->message_id, "m1@acme.example");
  EXPECT_EQ(read->thread, "m1@acme.example");
  EXPECT_EQ(read->step, 1);
  EXPECT_EQ(read->text, "Hello Bea,\r\nthe plan.\r\n");
  EXPECT_FALSE(read->has_list_unsubscribe);
}

TEST(MailMessageTest, AReplyIsAStepOfTheThreadItsReferencesStart) {
  absl::StatusOr<MailMessage> read = ReadMailMessage(
      "Subject: Re: Your rollout\r\nMessage-ID: <m3@acme.example>\r\n"
      "In-Reply-To: <m2@acme.example>\r\n"
      "References: <m1@acme.example>\r\n <m2@acme.example>\r\n"
      "List-Unsubscribe: <https://tool.example/u/1>\r\n\r\nJust bumping this.\r\n");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->thread, "m1@acme.example");
  EXPECT_EQ(read->step, 3);
  EXPECT_TRUE(read->has_list_unsubscribe);
  absl::StatusOr<MailMessage> only_in_reply_to =
      ReadMailMessage("Subject: Re: x\r\nIn-Reply-To: <m1@acme.example>\r\n\r\nThanks\r\n");
  ASSERT_TRUE(only_in_reply_to.ok());
  EXPECT_EQ(only_in_reply_to->thread, "m1@acme.example");
  EXPECT_EQ(only_in_reply_to->step, 2);
  EXPECT_EQ(only_in_reply_to->message_id, "");
}

TEST(MailMessageTest, EncodedSubjectsAndPartsAreReadAsTheClientShowsThem) {
  // An RFC 2047 subject, multipart/alternative with a quoted-printable
  // Latin-1 text part, an HTML part and a text attachment.
  absl::StatusOr<MailMessage> read = ReadMailMessage(
      "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
      "--outer\r\n"
      "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
      "--inner\r\n"
      "Content-Type: text/plain; charset=iso-8859-1\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Gr=FC=DFe, J=FCrgen\r\n"
      "--inner\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<p>Gr\xC3\xBC\xC3\x9F"
      "e</p>\r\n"
      "--inner--\r\n"
      "--outer\r\n"
      "Content-Type: text/plain\r\n"
      "Content-Disposition: attachment; filename=notes.txt\r\n\r\n"
      "not the message\r\n"
      "--outer--\r\n");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->subject,
            "Gr\xC3\xBC\xC3\x9F"
            "e aus M\xC3\xBCnchen");
  EXPECT_EQ(read->text,
            "Gr\xC3\xBC\xC3\x9F"
            "e, J\xC3\xBCrgen");  // the CRLF is the boundary's
}

TEST(MailMessageTest, ABase64BodyIsDecoded) {
  absl::StatusOr<MailMessage> read = ReadMailMessage(
      "Subject: b64\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nSnVzdCBjaGVja2luZyBpbg==\r\n");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->text, "Just checking in");
}

}  // namespace
}  // namespace tact
