// The registry of webhook providers: one line each.
#include "events/providers/webhook_provider.h"

namespace tact {

const WebhookProvider& SendGridWebhookProvider();  // sendgrid.cc
const WebhookProvider& MailgunWebhookProvider();   // mailgun.cc
const WebhookProvider& PostmarkWebhookProvider();  // postmark.cc
const WebhookProvider& SesWebhookProvider();       // ses.cc
const WebhookProvider& TwilioWebhookProvider();    // twilio.cc

const std::vector<const WebhookProvider*>& WebhookProviders() {
  static const auto* const kProviders = new std::vector<const WebhookProvider*>{
      &SendGridWebhookProvider(), &MailgunWebhookProvider(), &PostmarkWebhookProvider(),
      &SesWebhookProvider(),      &TwilioWebhookProvider(),
  };
  return *kProviders;
}

}  // namespace tact
