#pragma once
// Nsight Compute's CSV log (`ncu --csv --print-units base`) read into kernels and one shape's
// summary. The log names the submission's kernels (text the submission chose), so the reader
// treats it as untrusted: fuzzed by fuzz_ncu_csv.
#include <string>
#include <vector>

namespace arbiter::judge {

struct NcuKernel {
  std::string name;
  double duration_ns = 0, dram_bytes = 0;
};

// The kernels of an `ncu --csv --print-units base` log, in launch order (rows joined by ID).
// Throws Error naming the line when the CSV lacks the columns it needs.
std::vector<NcuKernel> parse_ncu_csv(const std::string& csv);

struct NcuShape {
  bool ok = false;
  std::string note;         // why not, when !ok (ncu's own words, trimmed)
  int calls = 0, kernels_per_call = 0;
  double duration_ns = 0;   // median over calls of the call's summed kernel durations
  double dram_bytes = 0;    // median over calls of the call's DRAM bytes read + written
  std::vector<std::string> kernel_names;
};

// Groups kernels into `calls` equal calls (the runner launches nothing of its own that ncu counts).
NcuShape summarise_ncu(const std::vector<NcuKernel>& kernels, int calls);

}  // namespace arbiter::judge
