// Records from JSON values already parsed with simdjson, for request bodies
// that hold several objects (a batch of touches, a list of events): each
// element is flattened like RecordFromJson flattens a whole document.
#pragma once

#include <simdjson.h>

#include "absl/status/statusor.h"
#include "codec/record.h"

namespace tact {

// Errors: InvalidArgument "must be a JSON object" or naming the field whose
// value cannot be flattened (e.g. a list of objects).
absl::StatusOr<Record> RecordFromElement(simdjson::dom::element element);

// The same into `record`, reusing the storage its fields hold (for a batch of
// many objects); on an error `record` holds some of the fields.
absl::Status FillRecordFromElement(simdjson::dom::element element, Record& record);

}  // namespace tact
