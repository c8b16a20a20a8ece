#include "demo/demo_texts.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact::demo {
namespace {

constexpr std::array<absl::string_view, 4> kNewsletterStories = {
    "Route sharing is here: plan a day's stops once and send the whole route to your drivers' "
    "phones. Drivers see changes the moment dispatch makes them, and the office sees who is "
    "running late without calling anyone.",
    "We talked to twelve dispatch teams about their Monday mornings. The pattern: most of the "
    "first hour goes to reshuffling routes after weekend orders. Read how three of them moved "
    "that work to Friday afternoon.",
    "Proof of delivery photos now attach to the customer's order automatically. Customer service "
    "can answer \"where is my parcel?\" from the order screen instead of asking the driver.",
    "Spring maintenance checklist: tyre pressure, brake fluid, wiper blades and the first-aid "
    "kit. Print it for the depot wall, or schedule the checks in Acme so nothing slips.",
};

constexpr std::array<absl::string_view, 6> kObservations = {
    "saw that you opened a second depot this spring, which usually means routes get planned "
    "twice as often",
    "read your interview about moving deliveries to evening slots for your city customers",
    "noticed your job posts for three dispatchers, so planning must be a bottleneck right now",
    "heard from a mutual customer that your drivers still get their stops on paper",
    "saw the recall notice on your site and wondered how you reach drivers already on the road",
    "read that your team switched to electric vans, where range makes the stop order matter",
};

constexpr std::array<absl::string_view, 4> kQuestions = {
    "How do you plan routes when an order comes in after the vans have left?",
    "Who decides the stop order today, the dispatcher or the driver?",
    "Would it help to see how another regional carrier handled the same change?",
    "Is the planning done in a spreadsheet, or in the system your customers order through?",
};

}  // namespace

std::string Newsletter(int week) {
  return absl::StrCat("This week at Acme\n\n", kNewsletterStories[week % kNewsletterStories.size()],
                      "\n\nYou are receiving this because you subscribed to Acme's weekly news.");
}

absl::string_view LaunchAnnouncement() {
  return "Meet Acme Routing. Plan every stop of the day in minutes: Acme Routing orders your "
         "stops by time window, traffic and vehicle range, and updates the plan when a new order "
         "arrives. Teams in our pilot cut planning time from two hours to fifteen minutes a day. "
         "It is included in every Acme Pro plan from today.";
}

absl::string_view LaunchReminder() {
  return "Did you see this? Acme Routing is live. Just checking in in case you missed it.";
}

absl::string_view SummitInvitation() {
  return "Wir laden Sie herzlich zum Acme Summit nach Berlin ein. Zwei Tage lang zeigen "
         "Disponentinnen und Disponenten aus ganz Europa, wie sie Touren planen, Fahrer "
         "informieren und Zustellungen nachweisen. Die Teilnahme ist kostenlos, die Plätze sind "
         "begrenzt. Melden Sie sich bis Ende des Monats an.";
}

std::string ColdOpener(bool scripted, absl::string_view first_name, absl::string_view company,
                       absl::string_view industry, uint64_t variant) {
  if (scripted) {
    return absl::StrCat("Hi ", first_name, ",\n", "I noticed ", company,
                        " is growing fast. Companies like yours use Acme to cut route planning "
                        "time in half and keep drivers informed. Do you have 15 minutes next "
                        "week for a quick demo?");
  }
  const absl::string_view first = kObservations[variant % kObservations.size()];
  // Two different observations: the second is 1 to 5 places after the first.
  const absl::string_view second =
      kObservations[(variant % kObservations.size() + 1 + (variant / 7) % 5) %
                    kObservations.size()];
  const absl::string_view question = kQuestions[(variant / 11) % kQuestions.size()];
  return absl::StrCat("Hi ", first_name, ",\n", "I ", first, ". I also ", second,
                      ". We work with several ", industry, " companies on exactly that. ",
                      question);
}

absl::string_view ColdBump() { return "Hi, just checking in on my note below. Any thoughts?"; }

std::string ColdCaseStudy(absl::string_view industry) {
  return absl::StrCat(
      "Hi, one thing I should have sent first: a two-page note on how Brightline, a ", industry,
      " company with four depots, moved dispatch from paper to Acme in six weeks. It has their "
      "before-and-after planning times, what they changed at the depot and what they would do "
      "differently. Happy to send it if it is useful.");
}

std::string ColdRoundtable(absl::string_view industry) {
  return absl::StrCat(
      "Hi, a different idea: next month six dispatch leads from ", industry,
      " companies meet online for an hour to compare how they handle late orders. No slides and "
      "no sales pitch; each brings one problem. Would you or someone on your team like to join?");
}

absl::string_view ColdLastBump() {
  return "Did you see my last email? Bumping this to the top of your inbox.";
}

std::string CheckIn(absl::string_view first_name) {
  return absl::StrCat("Hi ", first_name,
                      ",\nit has been a quarter since your team started with Acme. How is it "
                      "working for your dispatchers? If anything is slower than it should be, "
                      "tell me and I will look into it before our next review.");
}

std::string Receipt(int amount_cents) {
  return absl::StrFormat(
      "Thank you for your payment of EUR %d.%02d. Your receipt is attached. Questions about "
      "this charge? Reply to this email.",
      amount_cents / 100, amount_cents % 100);
}

}  // namespace tact::demo
