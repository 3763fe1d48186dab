#include "core/signing.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"

namespace arbiter {
namespace fs = std::filesystem;

std::string SigningKey::key_id() const {
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size())).substr(0, 16);
}
std::string SigningKey::public_hex() const { return to_hex(public_key.data(), public_key.size()); }

fs::path default_key_dir() { return config_dir() / "keys"; }

namespace {
bool read_exact(const fs::path& p, unsigned char* out, std::size_t n) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  f.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n));
  return static_cast<std::size_t>(f.gcount()) == n && f.peek() == EOF;
}
void write_private(const fs::path& p, const unsigned char* data, std::size_t n, mode_t mode) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) fail("{}", errno_text("cannot create key file " + p.string()));
  bool ok = ::write(fd, data, n) == static_cast<ssize_t>(n);
  ::close(fd);
  if (!ok) fail("cannot write key file {}", p.string());
}
}  // namespace

SigningKey load_or_create_key(const fs::path& dir) {
  crypto_init();
  SigningKey k;
  const fs::path sk = dir / "ed25519.sk", pk = dir / "ed25519.pk";
  if (!fs::exists(sk)) {
    // Create under a temporary name and link into place: two judges starting at once agree
    // on one key instead of one failing or overwriting the other's.
    ensure_private_dir(dir);
    SigningKey fresh;
    crypto_sign_keypair(fresh.public_key.data(), fresh.secret_key.data());
    const fs::path tmp = dir / ("ed25519.sk." + std::to_string(::getpid()) + ".tmp");
    fs::remove(tmp);
    write_private(tmp, fresh.secret_key.data(), fresh.secret_key.size(), 0600);
    if (::link(tmp.c_str(), sk.c_str()) != 0 && errno != EEXIST) fail("{}", errno_text("cannot install key " + sk.string()));
    fs::remove(tmp);
  }
  if (!read_exact(sk, k.secret_key.data(), k.secret_key.size()))
    fail("signing key {} is damaged (expected {} bytes); move it away to create a new one", sk.string(),
         k.secret_key.size());
  crypto_sign_ed25519_sk_to_pk(k.public_key.data(), k.secret_key.data());
  if (!fs::exists(pk)) {
    const fs::path tmp = dir / ("ed25519.pk." + std::to_string(::getpid()) + ".tmp");
    fs::remove(tmp);
    write_private(tmp, k.public_key.data(), k.public_key.size(), 0644);
    fs::rename(tmp, pk);
  }
  return k;
}

std::string canonical_form(const nlohmann::json& report) {
  nlohmann::json copy = report;
  if (copy.is_object()) copy.erase("signature");
  return copy.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

void sign_report(nlohmann::json& report, const SigningKey& key) {
  report["key_id"] = key.key_id();
  report["public_key"] = key.public_hex();
  const std::string bytes = canonical_form(report);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                       key.secret_key.data());
  report["signature"] = to_hex(sig, sizeof sig);
}

VerifyResult verify_report(const nlohmann::json& report, const std::vector<std::string>& trusted) {
  crypto_init();
  VerifyResult r;
  if (!report.is_object()) return {false, false, "report is not a JSON object"};
  for (const char* f : {"signature", "public_key", "key_id"})
    if (!report.contains(f) || !report[f].is_string()) return {false, false, std::string("missing field ") + f};
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!from_hex(report["public_key"].get<std::string>(), pk, sizeof pk)) return {false, false, "malformed public_key"};
  if (!from_hex(report["signature"].get<std::string>(), sig, sizeof sig)) return {false, false, "malformed signature"};
  SigningKey k;
  std::copy(pk, pk + sizeof pk, k.public_key.begin());
  if (report["key_id"].get<std::string>() != k.key_id()) return {false, false, "key_id does not match public_key"};
  std::string bytes;
  try {
    bytes = canonical_form(report);
  } catch (const std::exception& e) {
    return {false, false, std::string("report cannot be serialised: ") + e.what()};
  }
  if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), pk) != 0)
    return {false, false, "signature does not match the report: it was changed after signing"};
  r.ok = true;
  const std::string hex = report["public_key"].get<std::string>();
  r.trusted = std::any_of(trusted.begin(), trusted.end(), [&](const std::string& t) { return t == hex; });
  if (!r.trusted) r.why = "signature is valid but key " + k.key_id() + " is not among the trusted keys";
  return r;
}

}  // namespace arbiter
