// Signatures, name validation, encodings and the SVG plot.
#include <gtest/gtest.h>
#include <sodium.h>

#include "service/problem_store.hpp"
#include "service/report_verify.hpp"
#include "service/util.hpp"
#include "service/web_plot.hpp"

using namespace arbiter::service;

TEST(ServiceSignature, VerifiesAndDetectsTampering) {
  ASSERT_GE(sodium_init(), 0);
  unsigned char pk[32], sk[64], pk2[32], sk2[64];
  crypto_sign_keypair(pk, sk);
  crypto_sign_keypair(pk2, sk2);
  nlohmann::json r = {{"verdict", "pass"}, {"score_ns", 12.5}, {"benchmarks", nlohmann::json::array()}};
  sign_report(r, sk, pk);
  EXPECT_EQ(verify_report_signature(r, hex(pk, 32)), "");
  EXPECT_NE(verify_report_signature(r, hex(pk2, 32)), "");  // not the registered key
  auto t = r;
  t["score_ns"] = 1.0;
  EXPECT_NE(verify_report_signature(t, hex(pk, 32)).find("does not verify"), std::string::npos);
  auto forged = r;  // signed by another key that claims to be pk
  sign_report(forged, sk2, pk2);
  forged["public_key"] = hex(pk, 32);
  EXPECT_NE(verify_report_signature(forged, hex(pk, 32)), "");
}

TEST(ServiceNames, RejectTraversal) {
  EXPECT_TRUE(safe_file_name("submission.py"));
  EXPECT_FALSE(safe_file_name("../etc/passwd"));
  EXPECT_FALSE(safe_file_name("a/b.py"));
  EXPECT_FALSE(safe_file_name(".hidden"));
  EXPECT_FALSE(safe_file_name("a..b"));
  EXPECT_FALSE(safe_file_name(""));
  EXPECT_TRUE(safe_relative_path("data/x.bin"));
  EXPECT_FALSE(safe_relative_path("data/../x"));
  EXPECT_FALSE(safe_relative_path("/abs"));
  EXPECT_TRUE(safe_name("vectoradd-v2"));
  EXPECT_FALSE(safe_name("a b"));
}

TEST(ServiceEncoding, Utf8AndBase64) {
  EXPECT_TRUE(valid_utf8("héllo µs"));
  EXPECT_FALSE(valid_utf8(std::string("a\xff", 2)));
  EXPECT_FALSE(valid_utf8(std::string("a\0b", 3)));
  EXPECT_FALSE(valid_utf8("\xc3"));
  std::string out;
  ASSERT_TRUE(base64_decode(base64_encode(std::string("\x00\x01xyz", 5)), out));
  EXPECT_EQ(out, std::string("\x00\x01xyz", 5));
  EXPECT_FALSE(base64_decode("!!!", out));
}

TEST(ServiceProblems, ValidateRejectsUnsafePaths) {
  nlohmann::json files = {{"problem.toml", base64_encode("name = \"vectoradd\"\nranking = \"geomean\"\n")}};
  auto p = problems::validate(files);
  EXPECT_EQ(p.sha.size(), 64u);
  auto meta = problems::describe(p.files, "x");
  EXPECT_EQ(meta.name, "vectoradd");
  EXPECT_EQ(meta.ranking, "geom");
  files["../evil"] = base64_encode("x");
  EXPECT_THROW(problems::validate(files), std::invalid_argument);
}

TEST(ServicePlot, SvgHasPointsAndMedian) {
  std::vector<double> s;
  for (int i = 0; i < 100; ++i) s.push_back(1000 + i);
  auto svg = web::samples_svg(s, "n=1<<20");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("median"), std::string::npos);
  EXPECT_NE(svg.find("n=1&lt;&lt;20"), std::string::npos);
  EXPECT_EQ(web::format_ns(1500), "1.5 µs");
  EXPECT_NE(web::samples_svg({}, "x").find("no per-iteration"), std::string::npos);
}
