#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "core/signing.hpp"

using namespace arbiter;
namespace fs = std::filesystem;

namespace {
fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("arbiter-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}
nlohmann::json sample() {
  return {{"problem", "vectoradd"}, {"verdict", "pass"}, {"score_ns", 1234.5}, {"tests", {{{"name", "a"}}}}};
}
}  // namespace

TEST(Signing, KeyIsCreatedOnceAndReloaded) {
  auto dir = temp_dir("key");
  SigningKey a = load_or_create_key(dir);
  SigningKey b = load_or_create_key(dir);
  EXPECT_EQ(a.public_hex(), b.public_hex());
  EXPECT_EQ(a.key_id().size(), 16u);
  EXPECT_EQ(fs::status(dir / "ed25519.sk").permissions() & fs::perms::others_read, fs::perms::none);
  fs::remove_all(dir);
}

TEST(Signing, SignedReportVerifiesAndTrustsItsKey) {
  auto dir = temp_dir("sign");
  SigningKey k = load_or_create_key(dir);
  auto r = sample();
  sign_report(r, k);
  auto v = verify_report(r, {k.public_hex()});
  EXPECT_TRUE(v.ok) << v.why;
  EXPECT_TRUE(v.trusted);
  fs::remove_all(dir);
}

TEST(Signing, AnyChangeBreaksTheSignature) {
  auto dir = temp_dir("tamper");
  SigningKey k = load_or_create_key(dir);
  auto r = sample();
  sign_report(r, k);
  auto changed = r;
  changed["score_ns"] = 1.0;
  EXPECT_FALSE(verify_report(changed, {k.public_hex()}).ok);
  changed = r;
  changed["tests"][0]["name"] = "b";
  EXPECT_FALSE(verify_report(changed, {k.public_hex()}).ok);
  changed = r;
  changed["extra"] = true;
  EXPECT_FALSE(verify_report(changed, {}).ok);
  changed = r;
  changed.erase("signature");
  EXPECT_FALSE(verify_report(changed, {}).ok);
  fs::remove_all(dir);
}

TEST(Signing, ReSigningWithAnotherKeyIsValidButUntrusted) {
  auto d1 = temp_dir("k1"), d2 = temp_dir("k2");
  SigningKey judge = load_or_create_key(d1), forger = load_or_create_key(d2);
  auto r = sample();
  sign_report(r, judge);
  r["score_ns"] = 1.0;
  sign_report(r, forger);
  auto v = verify_report(r, {judge.public_hex()});
  EXPECT_TRUE(v.ok);
  EXPECT_FALSE(v.trusted);
  // Claiming the judge's key id with the forger's key is caught.
  r["key_id"] = judge.key_id();
  EXPECT_FALSE(verify_report(r, {judge.public_hex()}).ok);
  fs::remove_all(d1);
  fs::remove_all(d2);
}

TEST(Signing, MalformedFieldsAreRejectedNotCrashed) {
  EXPECT_FALSE(verify_report(nlohmann::json::array(), {}).ok);
  EXPECT_FALSE(verify_report({{"signature", 5}}, {}).ok);
  EXPECT_FALSE(verify_report({{"signature", "zz"}, {"public_key", "00"}, {"key_id", "x"}}, {}).ok);
}

TEST(Crypto, Sha256KnownAnswer) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
