#include "report/held_back.h"

namespace tact {

Touch ExplainableTouch(const Touch& touch) {
  Touch kept;
  kept.person_id = touch.person_id;
  kept.channel = touch.channel;
  kept.kind = touch.kind;
  kept.sender = touch.sender;
  kept.team = touch.team;
  kept.campaign = touch.campaign;
  kept.list = touch.list;
  kept.topic = touch.topic;
  kept.priority = touch.priority;
  kept.language = touch.language;
  kept.event_location = touch.event_location;
  kept.at = touch.at;
  kept.expires = touch.expires;
  kept.first_asked = touch.first_asked;
  return kept;
}

}  // namespace tact
