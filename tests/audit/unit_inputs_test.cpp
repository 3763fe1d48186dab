// Untrusted inputs: JSON Lines records, tar/zip archives, directories, limits.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "audit/inputs.hpp"

using namespace arbiter::audit;
namespace fs = std::filesystem;

namespace {
struct Collected {
  std::vector<Submission> subs;
  std::vector<std::string> errors;
  OnSubmission on_sub() {
    return [this](Submission&& s) { subs.push_back(std::move(s)); };
  }
  OnInputError on_err() {
    return [this](const std::string& w, const std::string& e) { errors.push_back(w + ": " + e); };
  }
};

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("audit_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}
}  // namespace

TEST(Jsonl, ReadsRecordsAndReportsBadLines) {
  Collected c;
  read_jsonl("{\"id\": \"a1\", \"code\": \"import torch\"}\n\nnot json\n{\"id\": 7}\n{\"id\": 8, \"code\": \"int x;\", "
             "\"language\": \"cuda\"}\n",
             "export.jsonl", InputLimits{}, c.on_sub(), c.on_err());
  ASSERT_EQ(c.subs.size(), 2u);
  EXPECT_EQ(c.subs[0].name, "export.jsonl#a1");
  EXPECT_EQ(c.subs[1].name, "export.jsonl#8");
  EXPECT_EQ(c.subs[1].language, Language::cpp);
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_NE(c.errors[0].find("export.jsonl:3"), std::string::npos);
}

TEST(Jsonl, RecordOverLimitIsSkipped) {
  Collected c;
  InputLimits l;
  l.max_member_bytes = 16;
  read_jsonl("{\"id\": 1, \"code\": \"a very long piece of code\"}\n", "e.jsonl", l, c.on_sub(), c.on_err());
  EXPECT_TRUE(c.subs.empty());
  EXPECT_EQ(c.errors.size(), 1u);
}

TEST(Archive, ReadsTarAndZipMembers) {
  fs::path d = temp_dir("archive");
  fs::create_directories(d / "src");
  std::ofstream(d / "src" / "a.py") << "import torch\n";
  std::ofstream(d / "src" / "b.cu") << "__global__ void k() {}\n";
  std::ofstream(d / "src" / "notes.txt") << "ignored\n";
  std::string cmd = "cd " + d.string() + " && tar -czf subs.tar.gz src && /usr/bin/python3 -m zipfile -c subs.zip src";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  for (const char* name : {"subs.tar.gz", "subs.zip"}) {
    Collected c;
    for_each_submission((d / name).string(), InputLimits{}, c.on_sub(), c.on_err());
    EXPECT_EQ(c.subs.size(), 2u) << name;
    EXPECT_TRUE(c.errors.empty()) << name;
  }
  Collected small;
  InputLimits l;
  l.max_member_bytes = 4;
  for_each_submission((d / "subs.tar.gz").string(), l, small.on_sub(), small.on_err());
  EXPECT_TRUE(small.subs.empty());
  EXPECT_EQ(small.errors.size(), 2u);
  fs::remove_all(d);
}

TEST(Archive, GarbageIsAnErrorNotACrash) {
  Collected c;
  std::string junk = "PK\x03\x04 this is not really a zip archive";
  read_archive_memory(junk.data(), junk.size(), "junk.zip", InputLimits{}, c.on_sub(), c.on_err());
  EXPECT_TRUE(c.subs.empty());
  EXPECT_FALSE(c.errors.empty());
}

TEST(Directory, WalksSourcesInOrderAndReportsMissingPaths) {
  fs::path d = temp_dir("dir");
  std::ofstream(d / "b.py") << "x = 1\n";
  std::ofstream(d / "a.cu") << "int x;\n";
  std::ofstream(d / "c.md") << "# no\n";
  Collected c;
  for_each_submission(d.string(), InputLimits{}, c.on_sub(), c.on_err());
  ASSERT_EQ(c.subs.size(), 2u);
  EXPECT_NE(c.subs[0].name.find("a.cu"), std::string::npos);
  Collected missing;
  for_each_submission((d / "nope").string(), InputLimits{}, missing.on_sub(), missing.on_err());
  EXPECT_EQ(missing.errors.size(), 1u);
  fs::remove_all(d);
}
