// audit_bench CORPUS_DIR [--quick]: files/s and MB/s of the static auditor on one core.
// Inputs are built from the labelled corpus (honest and cheating files), concatenated to the target
// size at line boundaries, so they carry realistic token mixes. Prints a table; no numbers are hard-coded.
#include <unistd.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audit/auditor.hpp"
#include "audit/inputs.hpp"
#include "audit/rule_loader.hpp"

namespace fs = std::filesystem;
using namespace arbiter::audit;
using Clock = std::chrono::steady_clock;

namespace {

struct Doc {
  std::string name, text;
};

std::vector<Doc> load(const std::string& dir, bool honest_only) {
  std::vector<Doc> out;
  for_each_submission(
      dir, InputLimits{},
      [&](Submission&& s) {
        if (!honest_only || s.name.find("/honest/") != std::string::npos) out.push_back({s.name, std::move(s.text)});
      },
      [](const std::string&, const std::string&) {});
  return out;
}

// Files of about `size` bytes: corpus files of one language concatenated, cut at a line end.
std::vector<Doc> sized(const std::vector<Doc>& base, size_t size, size_t count) {
  std::vector<Doc> out;
  size_t k = 0;
  while (out.size() < count) {
    const Doc& first = base[k++ % base.size()];
    bool py = first.name.ends_with(".py");
    std::string text = first.text;
    while (text.size() < size) {
      const Doc& d = base[k++ % base.size()];
      if (d.name.ends_with(".py") == py) text += "\n" + d.text;
    }
    size_t cut = text.rfind('\n', size);
    text.resize(cut == std::string::npos ? size : cut + 1);
    out.push_back({first.name + (py ? "#.py" : "#.cu"), std::move(text)});
  }
  return out;
}

double cpu_now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Result {
  double seconds = 0, cpu = 0;
  size_t files = 0, bytes = 0, parsed = 0, flagged = 0;
};

Result run(const Auditor& a, const std::vector<Doc>& docs, size_t total_files) {
  Result r;
  auto before = a.stats();
  auto t0 = Clock::now();
  double c0 = cpu_now();
  for (size_t i = 0; i < total_files; ++i) {
    const Doc& d = docs[i % docs.size()];
    Report rep = a.audit(d.name, d.text);
    r.bytes += d.text.size();
    r.flagged += rep.verdict != Verdict::clean;
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.cpu = cpu_now() - c0;
  r.files = total_files;
  r.parsed = a.stats().parsed - before.parsed;
  return r;
}

// Rates use the thread's CPU time: on a shared machine wall time measures the neighbours too.
void print(const char* label, const Result& r) {
  std::printf("%-40s %7zu files %7.1f MB  cpu %7.3f s (wall %7.3f)  %9.0f files/s %7.1f MB/s  parsed %5.1f%%  flagged %5.1f%%\n",
              label, r.files, r.bytes / 1e6, r.cpu, r.seconds, r.files / r.cpu, r.bytes / 1e6 / r.cpu,
              100.0 * r.parsed / r.files, 100.0 * r.flagged / r.files);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [--quick]\n", argv[0]);
    return 3;
  }
  bool quick = argc > 2 && std::string(argv[2]) == "--quick";
  size_t scale = quick ? 1 : 10;
  auto t0 = Clock::now();
  Auditor a(load_rules());
  std::printf("auditor ready in %.1f ms (%zu rules, precompiled regex db: %s)\n",
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), a.rules().size(),
              a.used_precompiled_db() ? "yes" : "no");
  auto all = load(argv[1], false), honest = load(argv[1], true);
  if (all.empty()) {
    std::fprintf(stderr, "no corpus files under %s\n", argv[1]);
    return 3;
  }
  auto mix3 = sized(all, 3000, 1000), hon3 = sized(honest, 3000, 1000);
  auto mix20 = sized(all, 20000, 200), hon20 = sized(honest, 20000, 200);
  run(a, mix3, 1000);  // warm caches
  std::printf("\n-- throughput, one thread --\n");
  print("3 KB files, corpus mix (45% cheats)", run(a, mix3, 2000 * scale));
  print("3 KB files, honest only", run(a, hon3, 2000 * scale));
  print("20 KB files, corpus mix", run(a, mix20, 300 * scale));
  print("20 KB files, honest only", run(a, hon20, 300 * scale));
  print("corpus files as they are", run(a, all, all.size() * scale));

  std::printf("\n-- linearity in total input (3 KB mix) --\n");
  for (size_t n : {1000ul, 10000ul, 100000ul}) {
    if (quick && n > 10000) break;
    print(("  " + std::to_string(n) + " files").c_str(), run(a, mix3, n));
  }
  // Per-file size, separately for the fast path (honest files: regex only) and the slow path
  // (files with parse triggers: tree-sitter + resolver), since their constants differ 30x.
  std::vector<Doc> cheats;
  for (auto& d : all)
    if (d.name.find("/cheat/") != std::string::npos) cheats.push_back(d);
  for (int slow = 0; slow < 2; ++slow) {
    std::printf("\n-- linearity in file size, %s --\n", slow ? "cheat mix (slow path)" : "honest (fast path)");
    for (size_t sz : {3000ul, 30000ul, 300000ul}) {
      auto docs = sized(slow ? cheats : honest, sz, 8);
      size_t reps = (slow ? 1500000 : 15000000) / sz * (quick ? 1 : 2);
      print(("  " + std::to_string(sz / 1000) + " KB x " + std::to_string(reps)).c_str(), run(a, docs, reps));
    }
  }

  // A 10,000-file archive, read as a stream through libarchive.
  fs::path dir = fs::temp_directory_path() / ("audit_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir / "subs");
  size_t n_archive = 10000;
  for (size_t i = 0; i < n_archive; ++i) {
    const Doc& d = mix3[i % mix3.size()];
    std::ofstream(dir / "subs" / (std::to_string(i) + (d.name.ends_with(".py") ? ".py" : ".cu"))) << d.text;
  }
  std::string cmd = "cd " + dir.string() + " && tar -cf subs.tar subs && tar -czf subs.tar.gz subs";
  if (std::system(cmd.c_str()) == 0) {
    for (const char* name : {"subs.tar", "subs.tar.gz"}) {
      Result r;
      auto s = Clock::now();
      double c0 = cpu_now();
      for_each_submission(
          (dir / name).string(), InputLimits{},
          [&](Submission&& sub) {
            Report rep = a.audit(sub.name, sub.text);
            ++r.files;
            r.bytes += sub.text.size();
            r.flagged += rep.verdict != Verdict::clean;
          },
          [](const std::string&, const std::string&) {});
      r.seconds = std::chrono::duration<double>(Clock::now() - s).count();
      r.cpu = cpu_now() - c0;
      print((std::string("\narchive ") + name + ", 10,000 x 3 KB").c_str(), r);
    }
  }
  fs::remove_all(dir);
  return 0;
}
