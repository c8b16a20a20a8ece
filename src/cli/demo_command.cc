#include <ostream>

#include "cli/commands.h"
#include "core/minutes.h"
#include "demo/demo_data.h"

namespace tact {

int RunDemoData(const DemoDataOptions& options, std::ostream& out, std::ostream& err) {
  DemoOptions demo;
  demo.people = options.people;
  demo.seed = options.seed;
  demo.days = options.days;
  if (!options.start.empty()) {
    auto start = ParseUtc(options.start);
    if (!start.ok()) {
      err << "--start: " << start.status().message() << "\n";
      return kExitUsage;
    }
    demo.start = *start;
  }
  auto counts = WriteDemoData(demo, options.out_dir);
  if (!counts.ok()) {
    err << counts.status().message() << "\n";
    return kExitBadInput;
  }
  out << "wrote " << counts->people << " people, " << counts->accounts << " accounts and "
      << counts->touches << " proposed touches to " << options.out_dir
      << "/ (people.csv, accounts.csv, touches.csv)\n";
  return kExitOk;
}

}  // namespace tact
