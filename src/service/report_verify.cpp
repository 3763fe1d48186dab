#include "service/report_verify.hpp"

#include <sodium.h>

#include "service/util.hpp"

namespace arbiter::service {
namespace {
bool from_hex(const std::string& h, unsigned char* out, std::size_t n) {
  if (h.size() != 2 * n) return false;
  std::size_t len = 0;
  return sodium_hex2bin(out, n, h.c_str(), h.size(), nullptr, &len, nullptr) == 0 && len == n;
}
}  // namespace

std::string verify_report_signature(const nlohmann::json& report, const std::string& trusted_public_key_hex) {
  if (sodium_init() < 0) return "libsodium failed to initialise";
  if (!report.is_object()) return "the report is not a JSON object";
  if (!report.contains("signature") || !report["signature"].is_string()) return "the report has no signature";
  if (!report.contains("public_key") || !report["public_key"].is_string()) return "the report names no public_key";
  if (report["public_key"].get<std::string>() != trusted_public_key_hex)
    return "the report was signed by key " + report["public_key"].get<std::string>().substr(0, 16) +
           "…, not by this worker's registered key " + trusted_public_key_hex.substr(0, 16) + "…";
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!from_hex(trusted_public_key_hex, pk, sizeof pk)) return "the registered public key is not 32 bytes of hex";
  if (!from_hex(report["signature"].get<std::string>(), sig, sizeof sig)) return "the signature is not 64 bytes of hex";
  nlohmann::json canonical = report;
  canonical.erase("signature");
  std::string text;
  try {
    text = canonical.dump();
  } catch (const std::exception& e) {
    return std::string("the report cannot be serialised: ") + e.what();
  }
  if (crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(text.data()), text.size(), pk) != 0)
    return "the report's signature does not verify: it was altered or forged";
  return {};
}

void sign_report(nlohmann::json& report, const unsigned char secret_key[64], const unsigned char public_key[32]) {
  report.erase("signature");
  report["public_key"] = hex(public_key, 32);
  unsigned char h[8];
  crypto_generichash(h, sizeof h, public_key, 32, nullptr, 0);
  report["key_id"] = hex(h, sizeof h);
  std::string text = report.dump();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(), secret_key);
  report["signature"] = hex(sig, sizeof sig);
}

}  // namespace arbiter::service
