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

// The parts of a researched hypothesis, ten of each.
using Part = std::array<absl::string_view, 10>;
constexpr std::array<Part, 7> kHypothesisParts = {{
    {"Their last two annual reports mention delivery costs rising faster than sales",
     "They opened a second warehouse last year and have hired for dispatch twice since",
     "Their careers page lists four open planner roles in the north",
     "Their customer reviews keep complaining about late afternoon deliveries",
     "They moved to same-day delivery for city customers this spring",
     "Their operations lead spoke at a trade fair about paper route sheets",
     "They bought a smaller regional competitor and now run two fleets",
     "Their fleet is switching to electric vans over the next two years",
     "Their website promises two-hour windows that their drivers rarely meet",
     "They hand weekend deliveries to a courier they complain about in public"},
    {"which usually means planning happens twice a day by hand",
     "which tends to stretch the dispatch team thin in peak weeks",
     "which often hides empty kilometres that nobody measures",
     "which turns every late order into a phone call to a driver",
     "which usually ends with customer service chasing drivers for updates",
     "which puts pressure on the margin of every extra stop",
     "which means two planning habits that nobody has merged yet",
     "which makes range and stop order matter more than before",
     "which suggests the promise came before routes that could keep it",
     "which costs them money and their customers' patience at once"},
    {"the head of operations is probably the one who feels it first",
     "the finance director likely sees it as cost per drop creeping up",
     "the dispatchers carry it every morning before the vans leave",
     "customer service takes the angry calls whenever it slips",
     "the regional managers probably argue about it at every review",
     "the drivers lose time calling the office about changes",
     "the owner likely worries about it more than the numbers show",
     "the new logistics manager will want a quick win on it",
     "the sales team hears about it from their biggest customers",
     "the planning lead has probably built a spreadsheet to cope with it"},
    {"Peak season starts in eight weeks, so any change has to land before then",
     "Their budget year starts in spring, which is when they compare options",
     "The merger gives them a reason to rethink how both fleets plan",
     "A new contract with a grocery chain will add evening stops soon",
     "Fuel went up again this quarter, so empty kilometres hurt more",
     "They just replaced their ordering system, so the data is finally clean",
     "Two planners are leaving this summer according to their own post",
     "Their biggest customer asked in public for tighter delivery windows",
     "The electric vans arrive in batches from next month",
     "They are hiring again, which means the workload is already too high"},
    {"I think our routing could take the first planning round off their hands",
     "My guess is that live route changes would save most of those calls",
     "We could probably show them where the empty kilometres are within a week",
     "A shared plan for both fleets might be the quickest win",
     "Stop ordering that knows a van's range is the part of our product that fits best",
     "Proof of delivery photos might end most of the chasing",
     "Planning by time window would let them keep the promise on their website",
     "Moving late orders into the next route on its own would help the dispatchers most",
     "A clear report of cost per drop would give finance the number it lacks",
     "Planning weekend routes themselves could let them drop the courier"},
    {"I do not know yet whether they plan in their ordering system or on paper",
     "I am not sure who owns the decision, operations or finance",
     "What I cannot tell is whether the drivers would accept a phone app",
     "I have not found out how many stops a van makes on a normal day",
     "I am unsure whether the second warehouse plans on its own",
     "It is unclear to me whether the late deliveries start in planning or in loading",
     "I could not see whether they track cost per drop at all",
     "I do not know whether the courier contract has a notice period",
     "Nothing I read says how they handle returns",
     "I cannot tell yet whether this is a priority or a complaint they live with"},
    {"I would first ask how a late order reaches a driver today.",
     "My first question would be who decides the stop order each morning.",
     "I would ask what a bad day in dispatch looks like for them.",
     "I want to ask what they measure when they say a route went well.",
     "I would start by asking which customers complain most, and why.",
     "First I would ask how long morning planning takes in a normal week.",
     "I would ask what they tried already and why it did not stick.",
     "The first thing to ask is what would have to change before peak season.",
     "I would ask who besides the drivers needs to see the plan.",
     "My opening question is how they decide which orders go out the same day."},
}};

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

std::string ResearchedHypothesis(uint64_t variant) {
  // An odd multiplier not divisible by 5 permutes 0..10^7 - 1, so variants
  // that are neighbours share few parts.
  constexpr uint64_t kCombinations = 10'000'000;
  uint64_t digits = (variant % kCombinations) * 7'368'787 % kCombinations;
  std::array<absl::string_view, 7> part;
  for (size_t index = 0; index < part.size(); ++index, digits /= 10) {
    part[index] = kHypothesisParts[index][digits % 10];
  }
  return absl::StrCat(part[0], ", ", part[1], ", and ", part[2], ". ", part[3], ". ", part[4], ". ",
                      part[5], ". ", part[6]);
}

std::string ScriptedHypothesis(absl::string_view company) {
  return absl::StrCat(company,
                      " is growing fast, and every growing company struggles with routing. Acme "
                      "cuts route planning time in half and keeps drivers informed. Companies "
                      "like yours save hours every week, so a quick demo will show the value "
                      "for their team right away.");
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
